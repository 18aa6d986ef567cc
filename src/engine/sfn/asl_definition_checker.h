#pragma once

#include "engine/sfn/definition_checker.h"

namespace jobflow::engine::sfn {

// The production checker: asl::Validator (src/asl/validate), the full Amazon States Language
// validation with AWS's diagnostics (schema, transitions, reachability, Express restrictions).
class AslDefinitionChecker final : public DefinitionChecker {
 public:
  std::vector<asl::Diagnostic> check(std::string_view definition, model::StateMachineType type) const override;
  // asl::InvalidDefinitionMessage: the validator owns the wording.
  std::string message(const std::vector<asl::Diagnostic>& diagnostics) const override;
};

}  // namespace jobflow::engine::sfn
