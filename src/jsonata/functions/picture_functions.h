#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// $formatNumber, $formatBase, $formatInteger and $parseInteger: the arguments read from Values and
// handed to jsonata/format, which does the work.
void register_picture_functions(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
