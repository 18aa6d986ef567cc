#include "asl/eval/execution.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "asl/compile/compiler.h"
#include "asl/eval/instant_runner.h"

namespace jobflow::asl {
namespace {

class RecordingSink final : public HistorySink {
 public:
  void record(HistoryEvent event) override { events.push_back(std::move(event)); }
  std::vector<std::string> types() const {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.type);
    return out;
  }
  std::vector<HistoryEvent> events;
};

std::shared_ptr<const Program> compile(std::string_view text) {
  auto program = Compiler::compile(boost::json::parse(text));
  EXPECT_TRUE(program) << (program ? "" : program.error().to_string());
  return program ? *program : nullptr;
}

ExecutionInfo info() {
  ExecutionInfo i;
  i.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:sm:e1";
  i.name = "e1";
  i.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:sm";
  i.state_machine_name = "sm";
  i.start_ms = 1'000'000;
  return i;
}

TEST(Execution, PassChainSharesTheInputAndRecordsEveryState) {
  auto program = compile(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Next":"B"},
      "B":{"Type":"Pass","ResultPath":"$.b","Result":{"x":1},"Next":"C"},
      "C":{"Type":"Succeed","OutputPath":"$.b"}}})");
  RecordingSink sink;
  Execution execution(program, info(), &sink, nullptr);
  auto input = parse_json(R"({"a":[1,2,3]})");
  execution.start(input, 1'000'000);
  ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*execution.output()), R"({"x":1})");
  EXPECT_EQ(execution.transitions(), 3);
  EXPECT_EQ(sink.types(), (std::vector<std::string>{"ExecutionStarted", "PassStateEntered", "PassStateExited",
                                                    "PassStateEntered", "PassStateExited", "SucceedStateEntered",
                                                    "SucceedStateExited", "ExecutionSucceeded"}));
  EXPECT_EQ(sink.events[1].previous_event_id, 0);  // as AWS writes it
  EXPECT_EQ(sink.events[2].previous_event_id, 2);
  EXPECT_TRUE(execution.take_commands().empty());
}

TEST(Execution, WaitAsksForATimerAndContinuesWhenItFires) {
  auto program = compile(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}})");
  Execution execution(program, info(), nullptr, nullptr);
  execution.start(parse_json("{}"), 1'000'000);
  EXPECT_EQ(execution.status(), ExecutionStatus::kRunning);
  Commands commands = execution.take_commands();
  ASSERT_EQ(commands.start_timers.size(), 1u);
  EXPECT_EQ(commands.start_timers[0].due_ms, 1'005'000);
  execution.timer_fired(commands.start_timers[0].id + 100, 1'005'000);  // unknown id: ignored
  EXPECT_EQ(execution.status(), ExecutionStatus::kRunning);
  execution.timer_fired(commands.start_timers[0].id, 1'005'000);
  EXPECT_EQ(execution.status(), ExecutionStatus::kSucceeded);
}

TEST(Execution, RetryBacksOffThenCatchReplacesTheInput) {
  auto program = compile(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::http:invoke",
           "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":2,"MaxAttempts":2,"BackoffRate":3}],
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Done"}],"End":true},
      "Done":{"Type":"Pass","End":true}}})");
  RecordingSink sink;
  Execution execution(program, info(), &sink, nullptr);
  std::int64_t now = 1'000'000;
  execution.start(parse_json(R"({"k":1})"), now);
  std::vector<std::int64_t> delays;
  for (int attempt = 0; attempt < 3; ++attempt) {
    Commands c = execution.take_commands();
    ASSERT_EQ(c.start_tasks.size(), 1u) << attempt;
    execution.task_failed(c.start_tasks[0].id, Failure{"Boom", "it broke"}, now);
    if (attempt == 2) break;
    Commands retry = execution.take_commands();
    ASSERT_EQ(retry.start_timers.size(), 1u);
    delays.push_back(retry.start_timers[0].due_ms - now);
    now = retry.start_timers[0].due_ms;
    execution.timer_fired(retry.start_timers[0].id, now);
  }
  EXPECT_EQ(delays, (std::vector<std::int64_t>{2000, 6000}));
  ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*execution.output()), R"({"k":1,"error":{"Error":"Boom","Cause":"it broke"}})");
}

TEST(Execution, RuntimeErrorsAreNeverCaught) {
  auto program = compile(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","InputPath":"$.missing","End":true}}}],
           "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"End":true},
      "Done":{"Type":"Pass","End":true}}})");
  Execution execution(program, info(), nullptr, nullptr);
  execution.start(parse_json("{}"), 0);
  ASSERT_EQ(execution.status(), ExecutionStatus::kFailed);
  EXPECT_EQ(execution.failure()->error, "States.Runtime");
  EXPECT_NE(execution.failure()->cause.find("An error occurred while executing the state 'X' (entered at the event id #"),
            std::string::npos)
      << execution.failure()->cause;
}

TEST(Execution, ParallelKeepsBranchOrderAndAFailingBranchCancelsItsSiblings) {
  auto ok = compile(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"R"},"R":{"Type":"Pass","Result":"slow","End":true}}},
      {"StartAt":"F","States":{"F":{"Type":"Pass","Result":"fast","End":true}}}]}}})");
  Execution execution(ok, info(), nullptr, nullptr);
  InstantRunner().run(execution, *ok, parse_json("{}"), {});
  ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*execution.output()), R"(["slow","fast"])");

  auto failing = compile(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}},
      {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}]}}})");
  Execution second(failing, info(), nullptr, nullptr);
  second.start(parse_json("{}"), 0);
  ASSERT_EQ(second.status(), ExecutionStatus::kFailed);
  EXPECT_EQ(second.failure()->error, "E");  // not wrapped in States.BranchFailed
  Commands c = second.take_commands();
  EXPECT_EQ(c.start_timers.size(), 1u);
  EXPECT_EQ(c.cancel_timers.size(), 1u);  // the sibling's Wait
}

TEST(Execution, MapHonoursMaxConcurrencyAndItemOrder) {
  auto program = compile(R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemsPath":"$.items",
      "ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},
      "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
      "End":true}}})");
  Execution execution(program, info(), nullptr, nullptr);
  execution.start(parse_json(R"({"items":["a","b","c"]})"), 0);
  Commands first = execution.take_commands();
  ASSERT_EQ(first.start_tasks.size(), 2u);  // MaxConcurrency 2
  execution.task_succeeded(first.start_tasks[1].id, parse_json("\"B\""), 1);
  Commands second = execution.take_commands();
  ASSERT_EQ(second.start_tasks.size(), 1u);
  EXPECT_EQ(to_text(*second.start_tasks[0].parameters), R"({"i":2,"v":"c"})");
  execution.task_succeeded(second.start_tasks[0].id, parse_json("\"C\""), 2);
  execution.task_succeeded(first.start_tasks[0].id, parse_json("\"A\""), 3);
  ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*execution.output()), R"(["A","B","C"])");
}

TEST(Execution, VariablesAreScopedAndAssignedAfterTheOutput) {
  auto program = compile(R"({"StartAt":"S","States":{
      "S":{"Type":"Pass","Result":{"answer":42},"Assign":{"x.$":"$.answer"},"Next":"T"},
      "T":{"Type":"Pass","OutputPath":"$x","Assign":{"x":"changed"},"End":true}}})");
  Execution execution(program, info(), nullptr, nullptr);
  execution.start(parse_json("{}"), 0);
  ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*execution.output()), "42");
}

TEST(Execution, AbortCancelsOpenWork) {
  auto program = compile(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}})");
  RecordingSink sink;
  Execution execution(program, info(), &sink, nullptr);
  execution.start(parse_json("{}"), 0);
  execution.take_commands();
  execution.abort(std::nullopt, std::nullopt, 1000);
  EXPECT_EQ(execution.status(), ExecutionStatus::kAborted);
  EXPECT_EQ(execution.take_commands().cancel_timers.size(), 1u);
  EXPECT_EQ(sink.types().back(), "ExecutionAborted");
}

}  // namespace
}  // namespace jobflow::asl

namespace jobflow::asl {
namespace {

// kill -9 at any point between two calls: a snapshot restored into a new Execution finishes
// exactly like the original would have, with no event lost or repeated.
TEST(ExecutionSnapshot, RestoredExecutionResumesWhereItWas) {
  auto program = compile(R"({"StartAt":"Init","States":{
      "Init":{"Type":"Pass","Assign":{"bias":10},"Result":{"items":[1,2,3]},"Next":"P"},
      "P":{"Type":"Parallel","Next":"Done","Branches":[
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"R"},"R":{"Type":"Pass","Parameters":{"b.$":"$bias"},"End":true}}},
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
          "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
          "End":true}}}]},
      "Done":{"Type":"Succeed"}}})");
  RecordingSink first_sink;
  auto original = std::make_unique<Execution>(program, info(), &first_sink, nullptr);
  original->start(parse_json("{}"), 0);
  Commands c = original->take_commands();
  ASSERT_EQ(c.start_timers.size(), 1u);
  ASSERT_EQ(c.start_tasks.size(), 1u);
  original->task_succeeded(c.start_tasks[0].id, parse_json("\"r1\""), 5);
  c = original->take_commands();
  ASSERT_EQ(c.start_tasks.size(), 1u);

  // The process dies here; only the snapshot and the events so far survive.
  auto saved = original->snapshot();
  std::int64_t events_before = original->last_event_id();
  original.reset();

  RecordingSink sink;
  auto restored = Execution::restore(program, info(), &sink, nullptr, saved);
  ASSERT_TRUE(restored) << restored.error();
  Execution& execution = **restored;
  EXPECT_EQ(execution.status(), ExecutionStatus::kRunning);
  auto tasks = execution.pending_tasks();
  auto timers = execution.pending_timers();
  ASSERT_EQ(tasks.size(), 1u);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].due_ms, 30'000);
  EXPECT_EQ(to_text(*tasks[0].parameters), "2");
  execution.task_succeeded(tasks[0].id, parse_json("\"r2\""), 10);
  c = execution.take_commands();
  ASSERT_EQ(c.start_tasks.size(), 1u);
  execution.task_succeeded(c.start_tasks[0].id, parse_json("\"r3\""), 11);
  execution.timer_fired(timers[0].id, 30'000);
  ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*execution.output()), R"([{"b":10},["r1","r2","r3"]])");
  ASSERT_FALSE(sink.events.empty());
  EXPECT_EQ(sink.events.front().id, events_before + 1);  // ids continue, nothing repeated
}

TEST(ExecutionSnapshot, DamagedSnapshotIsRefused) {
  auto program = compile(R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
  auto restored = Execution::restore(program, info(), nullptr, nullptr, boost::json::parse(R"({"version":1})"));
  EXPECT_FALSE(restored);
}

}  // namespace
}  // namespace jobflow::asl

namespace jobflow::asl {
namespace {

// AWS (measured): a loop that never ends fails at event 25,000, which is the ExecutionFailed
// event itself; 24,999 is the last event the machine produced.
TEST(ExecutionLimits, HistoryEndsAtTheLimitWithAwsShape) {
  auto program = compile(R"({"StartAt":"Loop","States":{
      "Loop":{"Type":"Choice","Choices":[{"Variable":"$.spin","BooleanEquals":true,"Next":"Loop"}],"Default":"Done"},
      "Done":{"Type":"Succeed"}}})");
  RecordingSink sink;
  ExecutionInfo limited = info();
  limited.max_history_events = 25'000;
  Execution execution(program, limited, &sink, nullptr);
  execution.start(parse_json(R"({"spin":true})"), 0);
  ASSERT_EQ(execution.status(), ExecutionStatus::kFailed);
  ASSERT_EQ(sink.events.size(), 25'000u);
  const auto& last = sink.events.back();
  EXPECT_EQ(last.type, "ExecutionFailed");
  EXPECT_EQ(last.id, 25'000);
  EXPECT_EQ(last.previous_event_id, 24'999);
  EXPECT_EQ(last.details.at("error"), "States.Runtime");
  EXPECT_EQ(last.details.at("cause"), "The execution reached the maximum number of history events (25000).");
  EXPECT_EQ(sink.events[24'998].type, "ChoiceStateExited");
  EXPECT_TRUE(execution.take_commands().empty());
}

}  // namespace
}  // namespace jobflow::asl

namespace jobflow::asl {
namespace {

TEST(ExecutionErrors, AbsentErrorAndCauseReachTheCatcherAsNull) {
  auto program = compile(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
           "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"End":true},
      "Done":{"Type":"Pass","End":true}}})");
  Execution execution(program, info(), nullptr, nullptr);
  execution.start(parse_json("{}"), 0);
  Commands c = execution.take_commands();
  ASSERT_EQ(c.start_tasks.size(), 1u);
  EXPECT_FALSE(c.start_tasks[0].token.empty());
  Failure failure;
  failure.null_error = true;
  failure.null_cause = true;
  execution.task_failed(c.start_tasks[0].id, failure, 1);
  ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*execution.output()), R"({"Error":null,"Cause":null})");
}

}  // namespace
}  // namespace jobflow::asl

namespace jobflow::asl {
namespace {

TEST(ExecutionRedrive, AFailedExecutionRunsAgainFromTheStateThatFailed) {
  auto program = compile(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Result":{"n":1},"Next":"T"},
      "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}})");
  RecordingSink sink;
  auto first = std::make_unique<Execution>(program, info(), &sink, nullptr);
  first->start(parse_json("{}"), 0);
  auto c = first->take_commands();
  first->task_failed(c.start_tasks[0].id, Failure{"Boom", "down"}, 1);
  ASSERT_EQ(first->status(), ExecutionStatus::kFailed);

  // A redrive happens later, on what was stored.
  auto saved = first->snapshot();
  auto restored = Execution::restore(program, info(), &sink, nullptr, saved);
  ASSERT_TRUE(restored) << restored.error();
  Execution& again = **restored;
  ASSERT_EQ(again.status(), ExecutionStatus::kFailed);
  sink.events.clear();
  ASSERT_TRUE(again.redrive(10));
  EXPECT_EQ(again.status(), ExecutionStatus::kRunning);
  ASSERT_GE(sink.events.size(), 3u);
  EXPECT_EQ(sink.events[0].type, "ExecutionRedriven");
  EXPECT_EQ(sink.events[0].details.at("redriveCount"), 1);
  EXPECT_EQ(sink.events[1].type, "TaskStateEntered");
  EXPECT_EQ(sink.events[1].details.at("input"), R"({"n":1})");  // the failed state's own input
  auto retry = again.take_commands();
  ASSERT_EQ(retry.start_tasks.size(), 1u);
  again.task_succeeded(retry.start_tasks[0].id, parse_json("\"ok\""), 11);
  EXPECT_EQ(again.status(), ExecutionStatus::kSucceeded);
  EXPECT_FALSE(again.redrive(12));  // a succeeded execution cannot be redriven
}

}  // namespace
}  // namespace jobflow::asl

namespace jobflow::asl {
namespace {

TEST(ExecutionRedrive, AParallelRunsOnlyItsFailedBranchAgain) {
  auto program = compile(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
      {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}]}}})");
  RecordingSink sink;
  Execution execution(program, info(), &sink, nullptr);
  execution.start(parse_json("{}"), 0);
  auto c = execution.take_commands();
  ASSERT_EQ(c.start_tasks.size(), 2u);
  execution.task_succeeded(c.start_tasks[0].id, parse_json("\"a\""), 1);
  execution.task_failed(c.start_tasks[1].id, Failure{"Oops", "b broke"}, 2);
  ASSERT_EQ(execution.status(), ExecutionStatus::kFailed);

  auto restored = Execution::restore(program, info(), &sink, nullptr, execution.snapshot());
  ASSERT_TRUE(restored);
  ASSERT_TRUE((*restored)->redrive(10));
  auto again = (*restored)->take_commands();
  ASSERT_EQ(again.start_tasks.size(), 1u);  // only branch B
  EXPECT_EQ(again.start_tasks[0].resource, "arn:aws:states:::sqs:sendMessage");
  (*restored)->task_succeeded(again.start_tasks[0].id, parse_json("\"b\""), 11);
  ASSERT_EQ((*restored)->status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*(*restored)->output()), R"(["a","b"])");
}

TEST(ExecutionRedrive, AMapRunsOnlyItsFailedIterationsAgain) {
  auto program = compile(R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":0,"End":true,
      "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}}}})");
  Execution execution(program, info(), nullptr, nullptr);
  execution.start(parse_json("[1,2,3]"), 0);
  auto c = execution.take_commands();
  ASSERT_EQ(c.start_tasks.size(), 3u);
  execution.task_succeeded(c.start_tasks[0].id, parse_json("10"), 1);
  execution.task_failed(c.start_tasks[1].id, Failure{"Oops", "2 broke"}, 2);
  ASSERT_EQ(execution.status(), ExecutionStatus::kFailed);
  ASSERT_TRUE(execution.redrive(5));
  auto again = execution.take_commands();
  ASSERT_EQ(again.start_tasks.size(), 2u);  // iterations 2 (failed) and 3 (cancelled)
  execution.task_succeeded(again.start_tasks[0].id, parse_json("20"), 6);
  execution.task_succeeded(again.start_tasks[1].id, parse_json("30"), 7);
  ASSERT_EQ(execution.status(), ExecutionStatus::kSucceeded);
  EXPECT_EQ(to_text(*execution.output()), "[10,20,30]");
}

TEST(ExecutionRedrive, AMapThatFailedOnItsToleratedFailureFieldChecksItAgain) {
  // The field fails after MapStateStarted; no half-open fanout may survive for the redrive to run.
  auto program = compile(R"({"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",
      "ToleratedFailureCountPath":"$.n","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "End":true}}})");
  RecordingSink sink;
  Execution execution(program, info(), &sink, nullptr);
  execution.start(parse_json(R"({"items":[1,2],"n":"NoNumber"})"), 0);
  ASSERT_EQ(execution.status(), ExecutionStatus::kFailed);
  ASSERT_TRUE(execution.redrive(5));
  ASSERT_EQ(execution.status(), ExecutionStatus::kFailed);
  EXPECT_NE(execution.failure()->cause.find("ToleratedFailureCountPath"), std::string::npos) << execution.failure()->cause;
  for (const auto& e : sink.events) EXPECT_NE(e.type, "MapIterationStarted");
}

TEST(Execution, AnItemSelectorFailureStopsTheIterationsAlreadyStarted) {
  // Items 0 and 1 wait 1 s and 5 s; when item 0 ends, item 2's selector fails and the catcher
  // moves on: item 1 is cancelled, not left running under a Map that has ended.
  for (const char* selector :
       {R"j("ItemSelector":{"s.$":"States.StringToJson($$.Map.Item.Value)"})j",
        R"j("QueryLanguage":"JSONata","ItemSelector":{"s":"{% $parse($states.context.Map.Item.Value) %}"})j"}) {
    auto program = compile(std::string(R"j({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,)j") +
                           selector +
                           R"j(,"ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}},
        "Catch":[{"ErrorEquals":["States.ALL"],"Next":"After"}],"End":true},
        "After":{"Type":"Wait","Seconds":1,"End":true}}})j");
    RecordingSink sink;
    Execution execution(program, info(), &sink, nullptr);
    execution.start(parse_json(R"(["1","5","x"])"), 0);
    Commands started = execution.take_commands();
    ASSERT_EQ(started.start_timers.size(), 2u) << selector;
    execution.timer_fired(started.start_timers[0].id, 1'000);
    Commands after = execution.take_commands();
    ASSERT_EQ(execution.status(), ExecutionStatus::kRunning) << selector;
    EXPECT_EQ(after.cancel_timers, std::vector<std::int64_t>{started.start_timers[1].id}) << selector;
    ASSERT_EQ(after.start_timers.size(), 1u) << selector;  // After's
    execution.timer_fired(started.start_timers[1].id, 5'000);  // cancelled: ignored
    EXPECT_EQ(execution.status(), ExecutionStatus::kRunning) << selector;
    execution.timer_fired(after.start_timers[0].id, 2'000);
    EXPECT_EQ(execution.status(), ExecutionStatus::kSucceeded) << selector;
  }
}

}  // namespace
}  // namespace jobflow::asl
