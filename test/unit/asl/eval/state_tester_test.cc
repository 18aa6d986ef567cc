#include "asl/eval/state_tester.h"

#include <gtest/gtest.h>

namespace jobflow::asl {
namespace {

TestStateRequest request(std::string definition, std::string input = "{}") {
  TestStateRequest r;
  r.definition = std::move(definition);
  r.input = parse_json(input);
  r.info.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:test:t";
  return r;
}

std::string text(const JsonPtr& p) { return p ? to_text(*p) : "<none>"; }

TEST(TestState, PassShowsEveryStepOfItsDataFlow) {
  auto r = request(R"({"Type":"Pass","InputPath":"$.in","Parameters":{"v.$":"$.x"},"ResultPath":"$.out",
                       "OutputPath":"$.out","Next":"After"})",
                   R"({"in":{"x":7}})");
  auto result = test_state(r);
  ASSERT_TRUE(result) << result.error().front().to_string();
  EXPECT_EQ(result->status, TestStateResult::Status::kSucceeded);
  EXPECT_EQ(result->next_state, "After");
  EXPECT_EQ(text(result->inspection.after_input_path), R"({"x":7})");
  EXPECT_EQ(text(result->inspection.after_parameters), R"({"v":7})");
  EXPECT_EQ(text(result->inspection.result), R"({"v":7})");
  EXPECT_EQ(text(result->inspection.after_result_path), R"({"in":{"x":7},"out":{"v":7}})");  // on the raw input
  EXPECT_EQ(text(result->output), R"({"v":7})");
}

TEST(TestState, ChoiceReportsTheBranchTaken) {
  auto r = request(R"({"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":5,"Next":"Big"}],
                       "Default":"Small"})",
                   R"({"n":9})");
  auto result = test_state(r);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->next_state, "Big");
}

TEST(TestState, TaskRunsWithAMockResult) {
  auto r = request(R"({"Type":"Task","Resource":"arn:aws:states:::elasticmapreduce:addStep.sync",
                       "ResultSelector":{"id.$":"$.StepId"},"ResultPath":"$.step","End":true})");
  r.mock_result = parse_json(R"({"StepId":"s-1"})");
  auto result = test_state(r);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, TestStateResult::Status::kSucceeded);
  EXPECT_EQ(result->next_state, "");
  EXPECT_EQ(text(result->inspection.after_result_selector), R"({"id":"s-1"})");
  EXPECT_EQ(text(result->output), R"({"step":{"id":"s-1"}})");
}

TEST(TestState, MockedErrorsAreRetriableCaughtOrFinal) {
  const char* state = R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Retry":[{"ErrorEquals":["Busy"],"MaxAttempts":2}],
      "Catch":[{"ErrorEquals":["Broken"],"ResultPath":"$.err","Next":"Handle"}],"End":true})";
  auto busy = request(state);
  busy.mock_error = Failure{"Busy", "try later"};
  auto retriable = test_state(busy);
  ASSERT_TRUE(retriable);
  EXPECT_EQ(retriable->status, TestStateResult::Status::kRetriable);
  EXPECT_EQ(retriable->failure->error, "Busy");

  auto broken = request(state);
  broken.mock_error = Failure{"Broken", "for good"};
  auto caught = test_state(broken);
  ASSERT_TRUE(caught);
  EXPECT_EQ(caught->status, TestStateResult::Status::kCaughtError);
  EXPECT_EQ(caught->next_state, "Handle");
  EXPECT_EQ(text(caught->output), R"({"err":{"Error":"Broken","Cause":"for good"}})");

  auto other = request(state);
  other.mock_error = Failure{"Other", "unexpected"};
  auto failed = test_state(other);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, TestStateResult::Status::kFailed);
  EXPECT_EQ(failed->failure->error, "Other");
}

TEST(TestState, FailAndRuntimeErrorsFail) {
  auto fail = test_state(request(R"({"Type":"Fail","Error":"E","Cause":"C"})"));
  ASSERT_TRUE(fail);
  EXPECT_EQ(fail->status, TestStateResult::Status::kFailed);
  EXPECT_EQ(fail->failure->cause, "C");
  auto missing = test_state(request(R"({"Type":"Pass","InputPath":"$.nope","End":true})"));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->failure->error, "States.Runtime");
}

TEST(TestState, AnUnmockedTaskWaitsForItsRealResult) {
  auto r = request(R"({"Type":"Task","Resource":"arn:aws:states:::elasticmapreduce:addStep",
                       "ResultPath":"$.step","Next":"After"})",
                   R"({"a":1})");
  auto tester = StateTester::create(r);
  ASSERT_TRUE(tester);
  ASSERT_TRUE((*tester)->pending_task());
  EXPECT_EQ((*tester)->pending_task()->resource, "arn:aws:states:::elasticmapreduce:addStep");
  (*tester)->task_succeeded(parse_json(R"({"StepId":"s-9"})"));
  EXPECT_FALSE((*tester)->pending_task());
  auto result = (*tester)->result();
  EXPECT_EQ(result.status, TestStateResult::Status::kSucceeded);
  EXPECT_EQ(result.next_state, "After");
  EXPECT_EQ(text(result.output), R"({"a":1,"step":{"StepId":"s-9"}})");
}

TEST(TestState, RefusesWhatItCannotRun) {
  auto unmocked = test_state(request(R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true})"));
  ASSERT_FALSE(unmocked);
  EXPECT_EQ(unmocked.error().front().code, "UNSUPPORTED");
  auto invalid = test_state(request(R"({"Type":"Pass","Bogus":1,"End":true})"));
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().front().code, "SCHEMA_VALIDATION_FAILED");
}

TEST(TestState, WaitDoesNotWaitAndVariablesAreReported) {
  auto r = request(R"({"Type":"Wait","Seconds":3600,"Assign":{"seen.$":"$.a"},"Next":"Later"})", R"({"a":1})");
  r.variables.emplace_back("before", parse_json("\"x\""));
  auto result = test_state(r);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->next_state, "Later");
  EXPECT_EQ(result->variables.at("seen"), "1");
  EXPECT_EQ(result->variables.at("before"), "\"x\"");
}

}  // namespace
}  // namespace jobflow::asl

namespace jobflow::asl {
namespace {

TEST(TestState, JsonataTaskShowsItsArgumentsResultAndVariables) {
  auto r = request(R"({"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke",
                       "Arguments":{"FunctionName":"f","Payload":{"n":"{% $states.input.n + $base %}"}},
                       "Assign":{"last":"{% $states.result.Payload %}"},
                       "Output":{"doubled":"{% $states.result.Payload * 2 %}"},"Next":"After"})",
                   R"({"n":2})");
  r.variables.emplace_back("base", parse_json("10"));
  r.mock_result = parse_json(R"({"Payload":12})");
  auto result = test_state(r);
  ASSERT_TRUE(result) << result.error().front().to_string();
  EXPECT_EQ(result->status, TestStateResult::Status::kSucceeded);
  EXPECT_EQ(result->next_state, "After");
  EXPECT_EQ(text(result->inspection.after_arguments), R"({"FunctionName":"f","Payload":{"n":12}})");
  EXPECT_EQ(text(result->inspection.result), R"({"Payload":12})");
  EXPECT_EQ(text(result->output), R"({"doubled":24})");
  EXPECT_EQ(result->variables.at("last"), "12");
}

TEST(TestState, JsonataStateOfAJsonataMachine) {
  // A state picked from a machine keeps the machine's QueryLanguage.
  auto r = request(R"({"QueryLanguage":"JSONata","StartAt":"A","States":{
                         "A":{"Type":"Pass","Output":"{% $states.input.v %}","Next":"B"},
                         "B":{"Type":"Choice","Choices":[{"Condition":"{% $states.input > 1 %}","Next":"A"}],"Default":"A"}}})",
                   R"({"v":5})");
  r.state_name = "A";
  auto result = test_state(r);
  ASSERT_TRUE(result) << result.error().front().to_string();
  EXPECT_EQ(text(result->output), "5");
  EXPECT_EQ(result->next_state, "B");

  r.state_name = "B";
  r.input = parse_json("5");
  auto choice = test_state(r);
  ASSERT_TRUE(choice) << choice.error().front().to_string();
  EXPECT_EQ(choice->next_state, "A");
}

TEST(TestState, JsonataEvaluationErrorsFailTheState) {
  auto r = request(R"({"Type":"Pass","QueryLanguage":"JSONata","Output":{"v":"{% $missing %}"},"End":true})");
  auto result = test_state(r);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, TestStateResult::Status::kFailed);
  ASSERT_TRUE(result->failure);
  EXPECT_EQ(result->failure->error, "States.QueryEvaluationError");
  EXPECT_NE(result->failure->cause.find("The JSONata expression '$missing' specified for the field 'Output/v' returned nothing (undefined)."),
            std::string::npos)
      << result->failure->cause;
}

TEST(TestState, JsonataFieldsAreValidated) {
  auto r = request(R"({"Type":"Pass","QueryLanguage":"JSONata","ResultPath":"$.x","End":true})");
  auto result = test_state(r);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().front().to_string(),
            "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported "
            "for the 'JSONPath' QueryLanguage at /States/TestState");
}

}  // namespace
}  // namespace jobflow::asl
