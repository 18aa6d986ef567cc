#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// Numeric, aggregation and date/time functions ($number … $power, $max/$min/$average, $format*/$parseInteger, $now, $millis, $fromMillis, $toMillis).
void register_numeric_functions(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
