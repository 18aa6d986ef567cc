#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// Numeric, aggregation and date/time functions ($number … $power, $random, $max/$min/$average,
// $format*/$parseInteger, $now, $millis, $fromMillis, $toMillis). The picture functions are in
// picture_functions.h and the date/time ones in date_time_functions.h; this registers all.
void register_numeric_functions(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
