#pragma once

#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// The reference's isDeepEqual (the `=` and `!=` operators): numbers by value (NaN unequal to
// itself), strings by content, arrays item by item, objects by the same set of keys and equal
// values; functions only to themselves.
bool deep_equal(const Value& a, const Value& b);

// JavaScript's `===` (the `in` operator): primitives by value, arrays, objects and functions by
// identity (the same borrowed node or the same owned object).
bool strict_equal(const Value& a, const Value& b);

}  // namespace jobflow::jsonata
