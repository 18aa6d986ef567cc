#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// Array, object and higher-order functions ($map … $reduce, $sort, $distinct, $spread, $merge, $each, $sift, $zip, $lookup, $error, $assert, $eval).
void register_collection_functions(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
