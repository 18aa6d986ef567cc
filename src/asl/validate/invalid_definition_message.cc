#include "asl/validate/invalid_definition_message.h"

namespace jobflow::asl {

std::string InvalidDefinitionMessage::format(const std::vector<Diagnostic>& diagnostics) {
  std::string out = "Invalid State Machine Definition: '";
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    if (i > 0) out += ", ";
    out += diagnostics[i].to_string();
  }
  out += "'";
  return out;
}

}  // namespace jobflow::asl
