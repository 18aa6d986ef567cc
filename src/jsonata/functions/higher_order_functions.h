#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// The functions that call a function argument: $map, $filter, $single, $reduce, $each, $sift and
// $sort (with its comparator). Each calls back through Evaluator::apply, passing the value, then
// its position (index or key) and the whole array or object only if the function declares that
// many parameters (the reference's hofFuncArgs).
void register_higher_order_functions(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
