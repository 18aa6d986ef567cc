#include "frontend/livy/jackson_error.h"

namespace jobflow::frontend::livy {

std::string to_string(const JacksonLocation& location) {
  return "[Source: (org.eclipse.jetty.server.HttpInputOverHTTP); line: " + std::to_string(location.line) +
         ", column: " + std::to_string(location.column) + "]";
}

std::string JacksonError::text() const {
  std::string out = message;
  if (location) out += "\n at " + to_string(*location);
  if (!path.empty()) {
    out += " (through reference chain: ";
    bool first = true;
    for (const auto& ref : path) {
      if (!first) out += "->";
      first = false;
      out += ref.class_name;
      out += '[';
      if (ref.index >= 0) {
        out += std::to_string(ref.index);
      } else {
        out += '"';
        out += ref.field;
        out += '"';
      }
      out += ']';
    }
    out += ')';
  }
  return out;
}

}  // namespace jobflow::frontend::livy
