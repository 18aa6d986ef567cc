#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jsonata/error/jsonata_error.h"
#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// JSON text as the reference's fn.string writes it with JSON.stringify and its replacer: numbers
// that are not integers rounded to 15 significant digits (Number(n.toPrecision(15))) and printed
// as JavaScript does; functions as ""; undefined members left out (in arrays: null); NaN as null;
// object members in JavaScript's order; `indent` 2 for $string(x, true). Infinity inside a value
// is D1001.
JResult<std::string> json_stringify(const Value& value, int indent = 0);

// $string(value): undefined → undefined (nullopt), a string as it is, a function "", a number
// that is not finite D3001, anything else json_stringify (an outer-wrapper sequence unwrapped).
JResult<std::optional<std::string>> jsonata_string(const Value& value, bool prettify = false);

// A string literal as JSON.stringify writes it: '"' and '\\' escaped, \b \f \n \r \t, other
// control characters as \u00xx (lower-case hex), a lone surrogate (kept as its 3-byte form) as
// \udxxx, everything else as it is.
void append_js_json_string(std::string& out, std::string_view text);

// Number(value.toPrecision(15)).
double to_precision_15(double value);

}  // namespace jobflow::jsonata
