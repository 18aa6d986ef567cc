#include "asl/validate/validator.h"

#include "asl/validate/definition_parser.h"
#include "asl/jsonata/query_language.h"
#include "asl/validate/messages.h"
#include "asl/validate/scope_checker.h"
#include "asl/validate/validation_report.h"

namespace jobflow::asl {

std::vector<Diagnostic> Validator::validate(std::string_view definition_text,
                                            StateMachineType type) {
  auto definition = DefinitionParser::parse(definition_text);
  if (!definition) return {std::move(definition.error())};
  if (!definition->is_object()) {
    return {{std::string(Messages::kSchema), Messages::not_an_object_definition(), "/"}};
  }
  ValidationReport report;
  report.jsonata_machine = uses_jsonata(definition->as_object(), false);
  ScopeChecker::check(report, definition->as_object(), "/", ScopeChecker::Kind::kMachine, type);
  return report.take();
}

}  // namespace jobflow::asl
