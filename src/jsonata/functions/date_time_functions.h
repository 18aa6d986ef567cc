#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// $now, $millis, $fromMillis and $toMillis. $now() and $millis() return the evaluation's fixed
// timestamp (Evaluator::now_ms), which also supplies $toMillis the components a picture leaves
// out; the formatting and parsing is jsonata/format's.
void register_date_time_functions(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
