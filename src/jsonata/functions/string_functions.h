#pragma once

#include "jsonata/functions/function_registry.h"

namespace jobflow::jsonata {

// String functions ($substring … $join, $match, $contains, $split, $replace with regular expressions, base64, URL encoding).
void register_string_functions(FunctionRegistry& registry);

}  // namespace jobflow::jsonata
