#pragma once

#include <optional>

#include <boost/json/value.hpp>

#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// A result as a JSON document: undefined → nullopt; sequences and arrays as arrays (undefined
// items as null, as JSON.stringify writes them); objects without their undefined members;
// integral numbers as integers, others as doubles (NaN and infinities as null); functions as ""
// (what the reference's $string writes for them).
std::optional<boost::json::value> to_json(const Value& value);

}  // namespace jobflow::jsonata
