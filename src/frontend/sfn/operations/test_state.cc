// Step Functions TestState: one state run alone (asl/eval/state_tester.h), nothing stored. A Task
// without a mock calls its resource for real through the execution service's integrations
// (request-response only, as AWS: not .sync or .waitForTaskToken); the answer is sent when the
// task has answered, without holding an io thread.
#include "asl/eval/state_tester.h"
#include "asl/validate/invalid_definition_message.h"
#include <fmt/format.h>
#include "engine/sfn/system_random.h"
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

namespace {

json::object result_shape(const asl::TestStateResult& tested, const asl::JsonPtr& input, bool inspect) {
  json::object out{{"status", asl::test_state_status_name(tested.status)}};
  if (tested.output) out["output"] = asl::to_text(*tested.output);
  if (tested.failure) {
    if (!tested.failure->error.empty()) out["error"] = tested.failure->error;
    if (!tested.failure->cause.empty()) out["cause"] = tested.failure->cause;
  }
  if (!tested.next_state.empty()) out["nextState"] = tested.next_state;
  if (inspect) {
    json::object data{{"input", asl::to_text(*input)}};
    const auto& i = tested.inspection;
    if (i.after_input_path) data["afterInputPath"] = asl::to_text(*i.after_input_path);
    if (i.after_parameters) data["afterParameters"] = asl::to_text(*i.after_parameters);
    if (i.after_arguments) data["afterArguments"] = asl::to_text(*i.after_arguments);
    if (i.result) data["result"] = asl::to_text(*i.result);
    if (i.after_result_selector) data["afterResultSelector"] = asl::to_text(*i.after_result_selector);
    if (i.after_result_path) data["afterResultPath"] = asl::to_text(*i.after_result_path);
    if (!tested.variables.empty()) {
      json::object values;  // the variables after the state, as one JSON object (text)
      for (const auto& m : tested.variables) {
        auto value = m.value().is_string() ? asl::parse_json(m.value().get_string()) : nullptr;
        values[m.key()] = value ? *value : json::value();
      }
      data["variables"] = asl::to_text(json::value(std::move(values)));
    }
    out["inspectionData"] = std::move(data);
  }
  return out;
}

}  // namespace

void test_state(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input, AwsReply reply) {
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
  if (!in.ok()) return reply(std::unexpected(*in.error()));

  asl::TestStateRequest request;
  request.definition = *definition;
  request.state_name = state_name;
  request.input = asl::parse_json(state_input.value_or("{}"));
  if (!request.input) {
    return reply(std::unexpected(to_wire(Error::invalid_input(
        "input", "Invalid State Machine Execution Input: 'The input is not valid JSON'"))));
  }
  if (variables) {
    auto parsed = asl::parse_json(*variables);
    if (!parsed || !parsed->is_object()) {
      return reply(std::unexpected(to_wire(Error::invalid_input("validation", "variables must be a JSON object"))));
    }
    for (const auto& m : parsed->get_object()) request.variables.emplace_back(std::string(m.key()), asl::alias(parsed, m.value()));
  }
  if (mock_result) {
    request.mock_result = asl::parse_json(*mock_result);
    if (!request.mock_result) {
      return reply(std::unexpected(to_wire(Error::invalid_input("validation", "mock.result must be JSON"))));
    }
  }
  request.mock_error = mock_error;
  request.info.region = ctx.region;
  request.info.execution_arn = "arn:aws:states:" + ctx.region + ":" + ctx.account + ":execution:TestState:test";
  request.info.name = "test";
  static engine::sfn::SystemRandom random;
  request.random = &random;

  auto tester = asl::StateTester::create(request);
  if (!tester) {
    const auto& d = tester.error();
    if (!d.empty() && d.front().code == "UNSUPPORTED") {
      return reply(std::unexpected(to_wire(Error::invalid_input("validation", d.front().message))));
    }
    return reply(std::unexpected(to_wire(Error::invalid_input("definition", asl::InvalidDefinitionMessage::format(d)))));
  }
  const bool inspect = level && (*level == "DEBUG" || *level == "TRACE");
  std::shared_ptr<asl::StateTester> shared(std::move(*tester));
  const auto& task = shared->pending_task();
  if (!task) return reply(AwsBody(result_shape(shared->result(), request.input, inspect)));
  if (task->resource.ends_with(".sync") || task->resource.ends_with(".sync:2") ||
      task->resource.ends_with(".waitForTaskToken")) {
    return reply(std::unexpected(to_wire(Error::invalid_input(
        "validation", fmt::format("TestState does not run the .sync and .waitForTaskToken integration patterns "
                                  "(the state calls '{}'); give a mock", task->resource)))));
  }
  // The task runs for real; its answer (on any thread) finishes the test and the reply.
  auto finish = [shared, reply, input = request.input, inspect]() {
    reply(AwsBody(result_shape(shared->result(), input, inspect)));
  };
  engine::sfn::TaskCallbacks callbacks;
  callbacks.started = [](std::string) {};
  callbacks.submitted = [](asl::JsonPtr) {};
  callbacks.succeeded = [shared, finish](asl::JsonPtr output) {
    shared->task_succeeded(std::move(output));
    finish();
  };
  callbacks.failed = [shared, finish](asl::Failure failure) {
    shared->task_failed(std::move(failure));
    finish();
  };
  engine::sfn::TaskContext context{request.info.execution_arn, ctx.region, ctx.account};
  sfn.executions.run_task(context, *task, std::move(callbacks));
}

}  // namespace jobflow::frontend::sfn
