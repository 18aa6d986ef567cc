#pragma once

#include <string_view>

#include "asl/value/diagnostic.h"
#include "asl/value/json.h"

namespace jobflow::asl {

// Turns the definition text into JSON, or into the INVALID_JSON_DESCRIPTION diagnostic AWS gives
// for text that is not JSON. AWS parses with Jackson, so the message imitates Jackson's wording
// ("Unrecognized token 'not': was expecting (...)\n at [Source: (String)\"...\"; line: 1,
// column: 4]") and, like Jackson's readTree, ignores whatever follows a complete JSON value.
class DefinitionParser {
 public:
  static Parsed<Json> parse(std::string_view text);
};

}  // namespace jobflow::asl
