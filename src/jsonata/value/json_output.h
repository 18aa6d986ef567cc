#pragma once

#include <optional>

#include <boost/json/value.hpp>

#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// A result as a JSON document, as JSON.stringify would write it: undefined or a function →
// nullopt; sequences and arrays as arrays (undefined items and functions as null); objects
// without their undefined and function members; integral numbers as integers, others as doubles
// (NaN and infinities as null).
std::optional<boost::json::value> to_json(const Value& value);

}  // namespace jobflow::jsonata
