#pragma once

#include <string_view>
#include <vector>

#include "asl/validate/state_machine_type.h"
#include "asl/value/diagnostic.h"

namespace jobflow::asl {

// Validates a state machine definition the way CreateStateMachine / UpdateStateMachine and
// ValidateStateMachineDefinition do. An empty result means the definition is accepted.
//
// Order of the diagnostics: INVALID_JSON_DESCRIPTION alone for text that is not JSON; the
// JSONata refusal alone for a definition that selects JSONata; otherwise every schema problem
// (fields, types, ranges, paths, templates, choice rules, resources, Express restrictions,
// state names) in document order, then the transition problems of each scope
// (MISSING_TRANSITION_TARGET, MISSING_END_STATE).
class Validator {
 public:
  static std::vector<Diagnostic> validate(std::string_view definition_text, StateMachineType type);
};

}  // namespace jobflow::asl
