#pragma once

#include <memory>

#include "jsonata/value/array_data.h"
#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// A new, empty result sequence (the reference's createSequence()).
std::shared_ptr<ArrayData> new_sequence();
// A sequence of one value (which may be undefined, as createSequence(undefined) is).
std::shared_ptr<ArrayData> sequence_of(Value value);

// The reference's fn.append: undefined sides are dropped; otherwise both sides become arrays (a
// non-array first side a sequence) and are concatenated into a new plain array.
Value append(const Value& first, const Value& second);

// Every non-array leaf of a nested array, in order.
void flatten_into(const Value& value, ArrayData& out);

}  // namespace jobflow::jsonata
