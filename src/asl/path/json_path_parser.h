#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "asl/path/json_path.h"
#include "asl/path/path_step.h"

namespace jobflow::asl::path {

// The result of parsing a JSONPath text: its root and its steps.
struct ParsedPath {
  JsonPath::Root root = JsonPath::Root::kInput;
  std::string variable;  // Root::kVariable
  PathSteps steps;
};

// Parses the Jayway JsonPath subset AWS accepts (see json_path.h). On error: a short reason,
// for logs and tests only (the diagnostic AWS shows does not include it).
class JsonPathParser {
 public:
  static std::expected<ParsedPath, std::string> parse(std::string_view text);
};

}  // namespace jobflow::asl::path
