#pragma once

#include <memory>
#include <string>

#include <boost/json/value.hpp>

namespace jobflow::asl {

// State data flows from state to state without deep copies: a payload is an immutable
// boost::json::value behind a shared pointer, and a piece of it (what a path selects) is an
// aliasing pointer into the same document, which keeps the whole document alive.
using Json = boost::json::value;
using JsonPtr = std::shared_ptr<const Json>;

// Takes ownership of a freshly built value.
JsonPtr make_json(Json value);

// A shared null (the result of `"x.$": "$.n"` when $.n is null, States.StringToJson("")...).
const JsonPtr& json_null();

// `inner` must live inside `*owner`: the result points at `inner` and shares `owner`'s lifetime.
inline JsonPtr alias(const JsonPtr& owner, const Json& inner) { return JsonPtr(owner, &inner); }

// JSON text as Step Functions writes it (it runs Java/Jackson): compact, object keys in their
// order, strings escaped as Jackson does (control characters as \uXXXX, '/' and non-ASCII kept),
// integers as integers, doubles as Java's Double.toString would print them through Jackson.
std::string to_text(const Json& value);

// The length of to_text(value), counted without building it; stops counting (and returns a
// value > stop_after) as soon as the text would be longer than stop_after.
std::size_t json_text_size(const Json& value, std::size_t stop_after);

// Equality of JSON values as ASL compares them (ArrayContains, ArrayUnique, choice rules):
// numbers by numeric value (1 == 1.0, 0 == -0), objects regardless of key order.
bool json_equal(const Json& a, const Json& b);

// Parses JSON text (execution input, task output). Returns nullptr when the text is not JSON.
JsonPtr parse_json(std::string_view text);

}  // namespace jobflow::asl
