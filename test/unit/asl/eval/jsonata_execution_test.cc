// Executions in JSONata mode, as data (test/data/asl/eval/jsonata_executions.json): each case's
// definition runs in-process in virtual time, its tasks answered by the case's table, and the
// status, output, error, cause, the tasks' requests and the event types are compared.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "asl/compile/compiler.h"
#include "asl/eval/execution.h"
#include "asl/eval/instant_runner.h"

namespace jobflow::asl {
namespace {

struct Case {
  std::string name;
  boost::json::object data;
};

std::vector<Case> load_cases() {
  std::ifstream in(std::string(JOBFLOW_TEST_DATA) + "/asl/eval/jsonata_executions.json");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<Case> cases;
  boost::json::value doc = boost::json::parse(text.str());
  for (const auto& c : doc.at("cases").as_array()) {
    cases.push_back({std::string(c.at("name").as_string()), c.as_object()});
  }
  return cases;
}

class Events final : public HistorySink {
 public:
  void record(HistoryEvent event) override { types.push_back(event.type); }
  std::vector<std::string> types;
};

class JsonataExecution : public ::testing::TestWithParam<Case> {};

TEST_P(JsonataExecution, RunsAsExpected) {
  const boost::json::object& c = GetParam().data;
  SCOPED_TRACE(std::string(c.at("source").as_string()));
  auto program = Compiler::compile(c.at("definition"));
  ASSERT_TRUE(program) << program.error().to_string();

  const boost::json::object* tasks = c.contains("tasks") ? &c.at("tasks").as_object() : nullptr;
  boost::json::array requests;
  InstantRunner runner([&](const TaskRequest& task) {
    boost::json::object seen{{"parameters", *task.parameters}};
    if (task.timeout_seconds) seen["timeout_seconds"] = *task.timeout_seconds;
    if (task.heartbeat_seconds) seen["heartbeat_seconds"] = *task.heartbeat_seconds;
    requests.push_back(std::move(seen));
    InstantRunner::TaskResult result;
    const boost::json::value* answer = tasks != nullptr ? tasks->if_contains(task.resource) : nullptr;
    if (answer == nullptr) {
      result.failure = Failure{"States.TaskFailed", "no answer for " + task.resource};
    } else if (answer->as_object().contains("echo")) {
      result.output = task.parameters;
    } else {
      result.failure = Failure{std::string(answer->at("error").as_string()), std::string(answer->at("cause").as_string())};
    }
    return result;
  });

  ExecutionInfo info;
  info.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:sm:e1";
  info.name = "e1";
  info.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:sm";
  info.state_machine_name = "sm";
  Events events;
  Execution execution(*program, info, &events, nullptr);
  runner.run(execution, **program, make_json(c.at("input")), {});

  const boost::json::object& expect = c.at("expect").as_object();
  std::string status = expect.at("status").as_string().c_str();
  if (status == "SUCCEEDED") {
    ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded)
        << (execution.failure() ? execution.failure()->error + ": " + execution.failure()->cause : "");
    EXPECT_EQ(*execution.output(), expect.at("output"));
  } else {
    ASSERT_EQ(execution.status(), ExecutionStatus::kFailed);
    EXPECT_EQ(execution.failure()->error, expect.at("error").as_string());
    EXPECT_EQ(execution.failure()->cause, expect.at("cause").as_string());
  }
  if (const auto* expected = c.if_contains("task_requests")) {
    EXPECT_EQ(boost::json::value(requests), *expected);
  }
  if (const auto* expected = c.if_contains("events")) {
    std::vector<std::string> types;
    for (const auto& t : expected->as_array()) types.emplace_back(t.as_string());
    EXPECT_EQ(events.types, types);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, JsonataExecution, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace jobflow::asl
