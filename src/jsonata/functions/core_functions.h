#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// $exists, $type, $boolean, $not, $string, $clone, $append, $lookup, $count, $sum, $keys:
// the functions the evaluator itself relies on (?? and transforms) and the most used ones.
void register_core_functions(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
