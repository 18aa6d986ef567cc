#pragma once

#include <expected>
#include <string>

namespace jobflow::asl {

// One problem found in a definition, as ValidateStateMachineDefinition reports it and as
// CreateStateMachine's InvalidDefinition message lists it:
//   "SCHEMA_VALIDATION_FAILED: <message> at <location>"   (location: a JSON pointer, "/States/X")
struct Diagnostic {
  std::string code;      // SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, INVALID_JSON_DESCRIPTION, ...
  std::string message;   // AWS's text, without the code and the location
  std::string location;  // JSON pointer ("/States/X/Next"); "null" where AWS prints null

  std::string to_string() const { return code + ": " + message + " at " + location; }
};

template <class T>
using Parsed = std::expected<T, Diagnostic>;

}  // namespace jobflow::asl
