// Step Functions ValidateStateMachineDefinition.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult validate_state_machine_definition(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto definition = in.string("definition", true, kMaxDefinitionLength);
  auto type = decode_type(in, "type").value_or(model::StateMachineType::kStandard);
  if (auto severity = in.string("severity"); severity && *severity != "ERROR" && *severity != "WARNING")
    in.invalid("severity", *severity, "Member must satisfy enum value set: [ERROR, WARNING]");
  const auto max_results = decode_max_results(in, engine::sfn::StateMachineService::kMaxValidationResults);
  if (!in.ok()) return std::unexpected(*in.error());
  auto report = sfn.machines.validate(*definition, type, max_results);
  json::array diagnostics;
  for (const auto& d : report.diagnostics) diagnostics.push_back(diagnostic_shape(d));
  return json::object{{"result", report.diagnostics.empty() ? "OK" : "FAIL"},
                      {"diagnostics", std::move(diagnostics)},
                      {"truncated", report.truncated}};
}

}  // namespace jobflow::frontend::sfn
