#pragma once

#include <string_view>

#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// The reference's fn.lookup (a name step of a path, and $lookup): an object's member `key`
// (undefined when it has none); over an array, every item's, one level flattened, as a sequence.
Value lookup(const Value& input, std::string_view key);

}  // namespace jobflow::jsonata
