#pragma once

#include <string_view>

#include "jsonata/value/string_order.h"  // js_string_less, for the callers of both
#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// JavaScript's truthiness (what the reference's $sort tests a comparator's result with, not
// JSONata's effective boolean): false for undefined, null, false, 0, NaN and ""; true for every
// other value, including empty arrays and objects.
bool js_truthy(const Value& value);

}  // namespace jobflow::jsonata
