// Step Functions TestState: one state run alone (asl/eval/state_tester.h), nothing stored.
#include "asl/eval/state_tester.h"
#include "asl/validate/invalid_definition_message.h"
#include "engine/sfn/system_random.h"
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult test_state(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto definition = in.string("definition", true, kMaxDefinitionLength);
  auto state_input = in.string("input");
  auto level = in.string("inspectionLevel");
  if (level && *level != "INFO" && *level != "DEBUG" && *level != "TRACE") {
    in.invalid("inspectionLevel", *level, "Member must satisfy enum value set: [INFO, DEBUG, TRACE]");
  }
  auto variables = in.string("variables");
  auto state_name = in.string("stateName");
  std::optional<std::string> mock_result;
  std::optional<asl::Failure> mock_error;
  if (const auto* mock = input.if_contains("mock"); mock != nullptr && mock->is_object()) {
    InputReader m(mock->as_object(), "mock");
    mock_result = m.string("result");
    if (const auto* err = mock->as_object().if_contains("errorOutput"); err != nullptr && err->is_object()) {
      InputReader e(err->as_object(), "mock.errorOutput");
      mock_error = asl::Failure{e.string("error").value_or(""), e.string("cause").value_or("")};
    }
  }
  if (!in.ok()) return std::unexpected(*in.error());

  asl::TestStateRequest request;
  request.definition = *definition;
  request.state_name = state_name;
  request.input = asl::parse_json(state_input.value_or("{}"));
  if (!request.input) {
    return std::unexpected(to_wire(Error::invalid_input(
        "input", "Invalid State Machine Execution Input: 'The input is not valid JSON'")));
  }
  if (variables) {
    auto parsed = asl::parse_json(*variables);
    if (!parsed || !parsed->is_object()) {
      return std::unexpected(to_wire(Error::invalid_input("validation", "variables must be a JSON object")));
    }
    for (const auto& m : parsed->get_object()) request.variables.emplace_back(std::string(m.key()), asl::alias(parsed, m.value()));
  }
  if (mock_result) {
    request.mock_result = asl::parse_json(*mock_result);
    if (!request.mock_result) return std::unexpected(to_wire(Error::invalid_input("validation", "mock.result must be JSON")));
  }
  request.mock_error = mock_error;
  request.info.region = ctx.region;
  request.info.execution_arn = "arn:aws:states:" + ctx.region + ":" + ctx.account + ":execution:TestState:test";
  request.info.name = "test";
  static engine::sfn::SystemRandom random;
  request.random = &random;

  auto tested = asl::test_state(request);
  if (!tested) {
    const auto& d = tested.error();
    if (!d.empty() && d.front().code == "UNSUPPORTED") {
      return std::unexpected(to_wire(Error::invalid_input("validation", d.front().message)));
    }
    return std::unexpected(to_wire(Error::invalid_input("definition", asl::InvalidDefinitionMessage::format(d))));
  }
  json::object out{{"status", asl::test_state_status_name(tested->status)}};
  if (tested->output) out["output"] = asl::to_text(*tested->output);
  if (tested->failure) {
    if (!tested->failure->error.empty()) out["error"] = tested->failure->error;
    if (!tested->failure->cause.empty()) out["cause"] = tested->failure->cause;
  }
  if (!tested->next_state.empty()) out["nextState"] = tested->next_state;
  if (level && (*level == "DEBUG" || *level == "TRACE")) {
    json::object data{{"input", asl::to_text(*request.input)}};
    const auto& i = tested->inspection;
    if (i.after_input_path) data["afterInputPath"] = asl::to_text(*i.after_input_path);
    if (i.after_parameters) data["afterParameters"] = asl::to_text(*i.after_parameters);
    if (i.result) data["result"] = asl::to_text(*i.result);
    if (i.after_result_selector) data["afterResultSelector"] = asl::to_text(*i.after_result_selector);
    if (i.after_result_path) data["afterResultPath"] = asl::to_text(*i.after_result_path);
    if (!tested->variables.empty()) {
      json::object values;  // the variables after the state, as one JSON object (text)
      for (const auto& m : tested->variables) {
        auto value = m.value().is_string() ? asl::parse_json(m.value().get_string()) : nullptr;
        values[m.key()] = value ? *value : json::value();
      }
      data["variables"] = asl::to_text(json::value(std::move(values)));
    }
    out["inspectionData"] = std::move(data);
  }
  return out;
}

}  // namespace jobflow::frontend::sfn
