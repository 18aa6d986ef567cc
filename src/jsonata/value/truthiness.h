#pragma once

#include <optional>

#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// The reference's fn.boolean, the effective boolean value: undefined → nullopt; false for
// false, "", 0 (and NaN), null, an empty array or object, a function; an array of one value is
// that value's, a longer array is true when any member is.
std::optional<bool> to_boolean(const Value& value);

}  // namespace jobflow::jsonata
