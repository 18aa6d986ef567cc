#include "engine/sfn/asl_definition_checker.h"

#include "asl/validate/invalid_definition_message.h"
#include "asl/validate/validator.h"

namespace jobflow::engine::sfn {

std::vector<asl::Diagnostic> AslDefinitionChecker::check(std::string_view definition,
                                                         model::StateMachineType type) const {
  const auto asl_type =
      type == model::StateMachineType::kExpress ? asl::StateMachineType::kExpress : asl::StateMachineType::kStandard;
  return asl::Validator::validate(definition, asl_type);
}

std::string AslDefinitionChecker::message(const std::vector<asl::Diagnostic>& diagnostics) const {
  return asl::InvalidDefinitionMessage::format(diagnostics);
}

}  // namespace jobflow::engine::sfn
