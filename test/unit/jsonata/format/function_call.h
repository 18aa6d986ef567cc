#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "jsonata/error/jsonata_error.h"

// Calls one of the formatting functions by its JSONata name with JSON arguments, as the table
// tests describe calls: null (or {"@": "undefined"}) is JSONata's undefined, {"@": "previous"}
// the result of the previous call in a chain.
namespace jobflow::jsonata::format::test_support {

// What a call gives: undefined (monostate), a string or a number.
using Value = std::variant<std::monostate, std::string, double>;

JResult<Value> call_function(const std::string& function, const boost::json::array& args, const Value& previous,
                             double now);

// The reference's printing of a number result (JavaScript's String(n)).
std::string print_number(double value);

}  // namespace jobflow::jsonata::format::test_support
