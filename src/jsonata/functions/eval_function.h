#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// $eval(expr, focus?): parses `expr` (D3120 when it does not parse) and evaluates it in the
// calling scope, over `focus` when given (a JSON array wrapped as one value, as the input of an
// expression is) or else the calling context (D3121 when the evaluation fails).
void register_eval_function(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
