#pragma once

#include <string>
#include <vector>

#include "asl/value/diagnostic.h"

namespace jobflow::asl {

// CreateStateMachine's InvalidDefinition message from the validator's diagnostics:
//   Invalid State Machine Definition: '<CODE: message at location>, <...>'
// e.g. "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required:
// [States] at /'" [fact].
class InvalidDefinitionMessage {
 public:
  static std::string format(const std::vector<Diagnostic>& diagnostics);
};

}  // namespace jobflow::asl
