#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "asl/value/diagnostic.h"
#include "model/state_machine_config.h"

namespace jobflow::engine::sfn {

// The seam between the state machine registry and Amazon States Language validation.
// CreateStateMachine / UpdateStateMachine refuse a definition with any diagnostic (InvalidDefinition);
// ValidateStateMachineDefinition reports them. Implementations must be thread-safe and pure.
class DefinitionChecker {
 public:
  virtual ~DefinitionChecker() = default;
  virtual std::vector<asl::Diagnostic> check(std::string_view definition, model::StateMachineType type) const = 0;
  // The InvalidDefinition message for what check() returned: "Invalid State Machine Definition:
  // '<d1>, <d2>, ...'" where each diagnostic reads "<CODE>: <message> at <location>".
  virtual std::string message(const std::vector<asl::Diagnostic>& diagnostics) const = 0;
};

}  // namespace jobflow::engine::sfn
