#include "cli/sfn_definition_check.h"

#include "base/json_parse.h"

#include <boost/json/parse.hpp>

#include "asl/compile/compiler.h"
#include "asl/validate/validator.h"

namespace jobflow::cli {

std::vector<asl::Diagnostic> check_definition(std::string_view text, std::string_view type) {
  auto sm_type = type == "EXPRESS" ? asl::StateMachineType::kExpress : asl::StateMachineType::kStandard;
  auto diagnostics = asl::Validator::validate(text, sm_type);
  if (!diagnostics.empty()) return diagnostics;
  // The compiler checks its own assumptions too; a definition it cannot compile must not run.
  boost::system::error_code ec;
  auto program = asl::Compiler::compile(parse_json_exact(text, ec));
  if (!program) return {program.error()};
  return {};
}

}  // namespace jobflow::cli
