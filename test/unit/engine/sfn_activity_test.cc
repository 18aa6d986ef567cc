// Task tokens, activities and the states:startExecution integration on the execution service,
// with a memory store, a manual clock and a manual task queue (nothing sleeps).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/manual_clock.h"
#include "engine/sfn/activity_integration.h"
#include "engine/sfn/activity_service.h"
#include "engine/sfn/asl_definition_checker.h"
#include "engine/sfn/execution_service.h"
#include "engine/sfn/state_machine_service.h"
#include "engine/sfn/states_integration.h"
#include "engine/sfn/task_token_registry.h"
#include "fakes/manual_task_queue.h"
#include "store/memory/memory_store.h"

namespace jobflow::engine::sfn {
namespace {

constexpr const char* kRegion = "us-east-1";
constexpr const char* kAccount = "123456789012";

class CountingRandom final : public asl::Random {
 public:
  std::uint64_t next() override { return value_ += 0x9E3779B97F4A7C15ULL; }

 private:
  std::uint64_t value_ = 7;
};

// One server's worth of services on a shared store: a second Node on the same store is a restart.
struct Node {
  Node(store::Store& store, ManualClock& clock, StateMachineService& machines, ActivityService& activities)
      : queue(clock),
        executions(store, clock, queue, machines, random),
        tokens(clock, queue),
        activity_tasks(activities, tokens, clock, queue, 60'000),
        states(executions, tokens, clock, [](const Error& e) { return e.resource == "execution" ? std::string("ExecutionAlreadyExists") : std::string("ValidationException"); }) {
    executions.add_integration(activity_tasks);
    executions.add_integration(states);
  }
  CountingRandom random;
  jobflow::testing::ManualTaskQueue queue;
  ExecutionService executions;
  TaskTokenRegistry tokens;
  ActivityIntegration activity_tasks;
  StatesIntegration states;
};

class SfnActivityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.set_ms(1'700'000'000'000);
    node_ = std::make_unique<Node>(store_, clock_, machines_, activities_);
  }

  std::string machine(std::string name, std::string_view definition,
                      model::StateMachineType type = model::StateMachineType::kStandard) {
    CreateStateMachineRequest r;
    r.region = kRegion;
    r.account = kAccount;
    r.name = std::move(name);
    r.definition = std::string(definition);
    r.role_arn = "arn:aws:iam::123456789012:role/r";
    r.type = type;
    auto created = machines_.create(std::move(r));
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->machine.arn : "";
  }

  std::string activity(std::string name) {
    CreateActivityRequest r;
    r.region = kRegion;
    r.account = kAccount;
    r.name = std::move(name);
    auto created = activities_.create(std::move(r));
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->arn : "";
  }

  std::string start(const std::string& machine_arn, std::string name, std::string input = "{}") {
    StartExecutionRequest r;
    r.state_machine_arn = machine_arn;
    r.name = std::move(name);
    r.input = std::move(input);
    auto started = node_->executions.start(kRegion, kAccount, std::move(r));
    EXPECT_TRUE(started) << started.error().message;
    node_->queue.run();
    return started ? started->execution_arn : "";
  }

  // A GetActivityTask whose answer is kept (it may come later).
  struct Poll {
    bool answered = false;
    Result<ActivityTask> task = ActivityTask{};
  };
  std::shared_ptr<Poll> poll(const std::string& activity_arn, std::string worker = "w1") {
    auto p = std::make_shared<Poll>();
    node_->activity_tasks.get_task(activity_arn, std::move(worker), [p](Result<ActivityTask> t) {
      p->answered = true;
      p->task = std::move(t);
    });
    node_->queue.run();
    return p;
  }

  model::Execution describe(const std::string& arn) {
    auto d = node_->executions.describe(arn);
    EXPECT_TRUE(d) << d.error().message;
    return d ? *d : model::Execution{};
  }

  std::vector<boost::json::object> history(const std::string& arn) {
    auto page = node_->executions.history(arn, 1000, false, true, "");
    EXPECT_TRUE(page) << page.error().message;
    std::vector<boost::json::object> out;
    if (page) {
      for (const auto& e : page->events) out.push_back(boost::json::parse(e).as_object());
    }
    return out;
  }

  std::vector<std::string> types(const std::string& arn) {
    std::vector<std::string> out;
    for (const auto& e : history(arn)) out.emplace_back(e.at("type").as_string());
    return out;
  }

  const boost::json::object* event(const std::string& arn, std::string_view type) {
    static thread_local std::vector<boost::json::object> kept;
    kept = history(arn);
    for (const auto& e : kept) {
      if (e.at("type").as_string() == type) return &e;
    }
    return nullptr;
  }

  ManualClock clock_;
  store::MemoryStore store_;
  AslDefinitionChecker checker_;
  StateMachineService machines_{store_, clock_, checker_};
  ActivityService activities_{store_, clock_};
  std::unique_ptr<Node> node_;
};

std::string activity_machine(const std::string& activity_arn, std::string_view extra = "") {
  return fmt::format(R"({{"StartAt":"A","States":{{"A":{{"Type":"Task","Resource":"{}","Parameters":{{"n.$":"$.n"}}{},"End":true}}}}}})",
                     activity_arn, extra);
}

TEST_F(SfnActivityTest, RegistryAnswersOnceAndNamesUnknownTokens) {
  TaskTokenRegistry registry(clock_, node_->queue);
  asl::TaskRequest task;
  task.id = 3;
  task.token = "AQCE" + std::string(48, 'a');
  int succeeded = 0;
  TaskCallbacks callbacks;
  callbacks.succeeded = [&](asl::JsonPtr output) {
    ++succeeded;
    EXPECT_EQ(asl::to_text(*output), R"({"ok":true})");
  };
  callbacks.failed = [&](asl::Failure) { ADD_FAILURE() << "not expected"; };
  registry.add(TaskContext{"arn:x", kRegion, kAccount}, task, callbacks);
  EXPECT_TRUE(registry.waiting(task.token));

  auto bad_output = registry.succeed(task.token, "{not json");
  ASSERT_FALSE(bad_output);
  EXPECT_EQ(bad_output.error().resource, "output");
  ASSERT_TRUE(registry.succeed(task.token, R"({"ok":true})"));
  EXPECT_EQ(succeeded, 1);

  auto again = registry.succeed(task.token, "{}");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().resource, "task_timed_out");
  EXPECT_EQ(again.error().message, "Task Timed Out: 'Provided task does not exist anymore'");
  auto garbage = registry.heartbeat("not-a-token");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().resource, "token");
  auto unknown = registry.fail("AQCE" + std::string(48, 'b'), std::nullopt, std::nullopt);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().resource, "task");
}

TEST_F(SfnActivityTest, HeartbeatsKeepATaskAliveAndTheirAbsenceTimesItOut) {
  TaskTokenRegistry registry(clock_, node_->queue);
  asl::TaskRequest task;
  task.id = 1;
  task.token = "AQCE" + std::string(48, 'c');
  task.heartbeat_seconds = 10;
  std::optional<asl::Failure> failed;
  TaskCallbacks callbacks;
  callbacks.succeeded = [](asl::JsonPtr) {};
  callbacks.failed = [&](asl::Failure f) { failed = f; };
  registry.add(TaskContext{"arn:x", kRegion, kAccount}, task, callbacks);
  node_->queue.advance_ms(9'000);
  ASSERT_TRUE(registry.heartbeat(task.token));
  node_->queue.advance_ms(9'000);  // 18 s after the start, 9 s after the heartbeat
  EXPECT_FALSE(failed);
  node_->queue.advance_ms(1'000);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->error, "States.Timeout");
  EXPECT_FALSE(registry.waiting(task.token));
  EXPECT_EQ(registry.heartbeat(task.token).error().resource, "task_timed_out");
}

TEST_F(SfnActivityTest, AWorkerTakesTheTaskAndAnswersIt) {
  auto act = activity("work");
  auto sm = machine("act", activity_machine(act));
  auto arn = start(sm, "e1", R"({"n":5})");
  EXPECT_EQ(node_->activity_tasks.queued(act), 1u);

  auto p = poll(act, "worker-1");
  ASSERT_TRUE(p->answered);
  ASSERT_TRUE(p->task) << p->task.error().message;
  EXPECT_FALSE(p->task->token.empty());
  EXPECT_EQ(p->task->input, R"({"n":5})");
  EXPECT_EQ(node_->activity_tasks.queued(act), 0u);
  const auto* started = event(arn, "ActivityStarted");
  ASSERT_NE(started, nullptr);
  EXPECT_EQ(started->at("activityStartedEventDetails").at("workerName"), "worker-1");

  ASSERT_TRUE(node_->tokens.succeed(p->task->token, R"({"done":1})"));
  node_->queue.run();
  auto d = describe(arn);
  EXPECT_EQ(d.status, model::ExecutionStatus::kSucceeded);
  EXPECT_EQ(d.output, R"({"done":1})");
  EXPECT_EQ(types(arn), (std::vector<std::string>{"ExecutionStarted", "TaskStateEntered", "ActivityScheduled",
                                                  "ActivityStarted", "ActivitySucceeded", "TaskStateExited",
                                                  "ExecutionSucceeded"}));
}

TEST_F(SfnActivityTest, ALongPollWaitsForTheNextTaskOrAnswersEmpty) {
  auto act = activity("later");
  auto p = poll(act);
  EXPECT_FALSE(p->answered);
  EXPECT_EQ(node_->activity_tasks.pollers(act), 1u);
  auto sm = machine("later", activity_machine(act));
  auto arn = start(sm, "e1", R"({"n":1})");
  ASSERT_TRUE(p->answered);
  ASSERT_TRUE(p->task);
  EXPECT_FALSE(p->task->token.empty());
  EXPECT_NE(event(arn, "ActivityStarted"), nullptr);

  auto empty = poll(act);
  EXPECT_FALSE(empty->answered);
  node_->queue.advance_ms(59'999);
  EXPECT_FALSE(empty->answered);
  node_->queue.advance_ms(1);
  ASSERT_TRUE(empty->answered);
  ASSERT_TRUE(empty->task);
  EXPECT_TRUE(empty->task->token.empty());
  EXPECT_EQ(node_->activity_tasks.pollers(act), 0u);
}

TEST_F(SfnActivityTest, UnknownActivitiesAndTooManyPollersAreRefused) {
  auto missing = poll("arn:aws:states:us-east-1:123456789012:activity:nope");
  ASSERT_TRUE(missing->answered);
  ASSERT_FALSE(missing->task);
  EXPECT_EQ(missing->task.error().resource, "activity");
  EXPECT_EQ(missing->task.error().message,
            "Activity Does Not Exist: 'arn:aws:states:us-east-1:123456789012:activity:nope'");

  auto act = activity("busy");
  for (std::size_t i = 0; i < ActivityIntegration::kMaxPollers; ++i) EXPECT_FALSE(poll(act)->answered);
  auto refused = poll(act);
  ASSERT_TRUE(refused->answered);
  ASSERT_FALSE(refused->task);
  EXPECT_EQ(refused->task.error().resource, "activity_worker");

  // A task on an activity that does not exist fails at once.
  auto sm = machine("ghost", activity_machine("arn:aws:states:us-east-1:123456789012:activity:ghost"));
  auto arn = start(sm, "e1", R"({"n":1})");
  auto d = describe(arn);
  EXPECT_EQ(d.status, model::ExecutionStatus::kFailed);
  EXPECT_EQ(d.error, "States.Runtime");
}

TEST_F(SfnActivityTest, HeartbeatTimeoutFailsTheExecutionWithStatesTimeout) {
  auto act = activity("slow");
  auto sm = machine("hb", activity_machine(act, R"(,"HeartbeatSeconds":5)"));
  auto arn = start(sm, "e1", R"({"n":1})");
  auto p = poll(act);
  ASSERT_TRUE(p->task);
  node_->queue.advance_ms(4'000);
  ASSERT_TRUE(node_->tokens.heartbeat(p->task->token));
  node_->queue.advance_ms(4'000);
  EXPECT_EQ(describe(arn).status, model::ExecutionStatus::kRunning);
  node_->queue.advance_ms(1'000);
  auto d = describe(arn);
  EXPECT_EQ(d.status, model::ExecutionStatus::kFailed);
  EXPECT_EQ(d.error, "States.Timeout");
  EXPECT_NE(event(arn, "ActivityTimedOut"), nullptr);
  auto late = node_->tokens.succeed(p->task->token, "{}");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().resource, "task_timed_out");
}

TEST_F(SfnActivityTest, TaskTimeoutAndStopCloseTheToken) {
  auto act = activity("timeout");
  auto sm = machine("to", activity_machine(act, R"(,"TimeoutSeconds":3)"));
  auto arn = start(sm, "e1", R"({"n":1})");
  auto p = poll(act);
  ASSERT_TRUE(p->task);
  node_->queue.advance_ms(3'000);
  EXPECT_EQ(describe(arn).error, "States.Timeout");
  EXPECT_FALSE(node_->tokens.waiting(p->task->token));

  auto arn2 = start(sm, "e2", R"({"n":2})");
  EXPECT_EQ(node_->activity_tasks.queued(act), 1u);
  ASSERT_TRUE(node_->executions.stop(arn2, std::nullopt, std::nullopt));
  node_->queue.run();
  EXPECT_EQ(node_->activity_tasks.queued(act), 0u);
  EXPECT_EQ(node_->tokens.size(), 0u);
}

TEST_F(SfnActivityTest, SendTaskFailureWithoutErrorOrCauseFailsTheTask) {
  auto act = activity("fails");
  auto sm = machine("f", activity_machine(act));
  auto arn = start(sm, "e1", R"({"n":1})");
  auto p = poll(act);
  ASSERT_TRUE(p->task);
  ASSERT_TRUE(node_->tokens.fail(p->task->token, std::nullopt, std::nullopt));
  node_->queue.run();
  auto d = describe(arn);
  EXPECT_EQ(d.status, model::ExecutionStatus::kFailed);
  EXPECT_FALSE(d.error);
  EXPECT_FALSE(d.cause);
  const auto* failed = event(arn, "ActivityFailed");
  ASSERT_NE(failed, nullptr);
  EXPECT_TRUE(failed->at("activityFailedEventDetails").as_object().empty());
}

TEST_F(SfnActivityTest, AnActivityTaskSurvivesARestartWithItsToken) {
  auto act = activity("durable");
  auto sm = machine("d", activity_machine(act));
  auto arn = start(sm, "e1", R"({"n":9})");
  auto p = poll(act);
  ASSERT_TRUE(p->task);
  const std::string token = p->task->token;

  node_.reset();  // the server dies; the store stays
  node_ = std::make_unique<Node>(store_, clock_, machines_, activities_);
  ASSERT_TRUE(node_->executions.recover());
  node_->queue.run();
  EXPECT_TRUE(node_->tokens.waiting(token));
  ASSERT_TRUE(node_->tokens.succeed(token, R"("late")"));
  node_->queue.run();
  auto d = describe(arn);
  EXPECT_EQ(d.status, model::ExecutionStatus::kSucceeded);
  EXPECT_EQ(d.output, R"("late")");
}

TEST_F(SfnActivityTest, StartExecutionPlainAnswersArnAndStartDate) {
  auto child = machine("child", R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"c":1},"End":true}}})");
  auto parent = machine("parent", fmt::format(R"({{"StartAt":"S","States":{{"S":{{"Type":"Task",
      "Resource":"arn:aws:states:::states:startExecution","Parameters":{{"StateMachineArn":"{}","Name":"kid",
      "Input":{{"a":1}}}},"End":true}}}}}})", child));
  auto arn = start(parent, "p1");
  auto d = describe(arn);
  ASSERT_EQ(d.status, model::ExecutionStatus::kSucceeded) << d.error.value_or("") << d.cause.value_or("");
  auto out = boost::json::parse(*d.output).as_object();
  EXPECT_EQ(out.at("ExecutionArn"), "arn:aws:states:us-east-1:123456789012:execution:child:kid");
  EXPECT_EQ(out.at("StartDate").to_number<std::int64_t>(), clock_.now_ms());
  EXPECT_TRUE(out.contains("SdkHttpMetadata"));
  EXPECT_EQ(describe("arn:aws:states:us-east-1:123456789012:execution:child:kid").input, R"({"a":1})");
}

TEST_F(SfnActivityTest, StartExecutionSyncWaitsForTheChild) {
  auto act = activity("inner");
  auto child = machine("child", activity_machine(act));
  auto parent = machine("parent", fmt::format(R"({{"StartAt":"S","States":{{"S":{{"Type":"Task",
      "Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{{"StateMachineArn":"{}",
      "Input":{{"n":4}}}},"End":true}}}}}})", child));
  auto arn = start(parent, "p1");
  EXPECT_NE(event(arn, "TaskSubmitted"), nullptr);
  EXPECT_EQ(describe(arn).status, model::ExecutionStatus::kRunning);
  auto p = poll(act);
  ASSERT_TRUE(p->task);
  ASSERT_TRUE(node_->tokens.succeed(p->task->token, R"({"r":42})"));
  node_->queue.run();
  auto d = describe(arn);
  ASSERT_EQ(d.status, model::ExecutionStatus::kSucceeded) << d.error.value_or("") << d.cause.value_or("");
  auto out = boost::json::parse(*d.output).as_object();
  EXPECT_EQ(out.at("Status"), "SUCCEEDED");
  EXPECT_EQ(out.at("Output"), (boost::json::object{{"r", 42}}));  // .sync:2: parsed
  EXPECT_EQ(out.at("Input"), R"({"n":4})");
}

TEST_F(SfnActivityTest, AFailedChildFailsTheSyncTaskWithItsErrorAndDescription) {
  auto child = machine("bad", R"({"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Kid.Broke","Cause":"why"}}})");
  auto parent = machine("parent", fmt::format(R"({{"StartAt":"S","States":{{"S":{{"Type":"Task",
      "Resource":"arn:aws:states:::states:startExecution.sync","Parameters":{{"StateMachineArn":"{}"}},"End":true}}}}}})",
                                              child));
  auto arn = start(parent, "p1");
  node_->queue.run();
  auto d = describe(arn);
  ASSERT_EQ(d.status, model::ExecutionStatus::kFailed);
  EXPECT_EQ(d.error, "Kid.Broke");
  auto cause = boost::json::parse(*d.cause).as_object();
  EXPECT_EQ(cause.at("Status"), "FAILED");
  EXPECT_EQ(cause.at("Error"), "Kid.Broke");
  EXPECT_EQ(cause.at("Cause"), "why");
}

TEST_F(SfnActivityTest, WaitForTaskTokenWaitsForTheChildsCallback) {
  auto child = machine("kid", R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})");
  auto parent = machine("parent", fmt::format(R"({{"StartAt":"S","States":{{"S":{{"Type":"Task",
      "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken","Parameters":{{"StateMachineArn":"{}",
      "Name":"k1","Input":{{"token.$":"$$.Task.Token"}}}},"HeartbeatSeconds":30,"End":true}}}}}})", child));
  auto arn = start(parent, "p1");
  auto kid = describe("arn:aws:states:us-east-1:123456789012:execution:kid:k1");
  ASSERT_EQ(kid.status, model::ExecutionStatus::kSucceeded);
  auto token = std::string(boost::json::parse(*kid.output).at("token").as_string());
  EXPECT_TRUE(node_->tokens.waiting(token));
  EXPECT_NE(event(arn, "TaskSubmitted"), nullptr);
  EXPECT_EQ(describe(arn).status, model::ExecutionStatus::kRunning);
  ASSERT_TRUE(node_->tokens.succeed(token, R"({"called":"back"})"));
  node_->queue.run();
  auto d = describe(arn);
  EXPECT_EQ(d.status, model::ExecutionStatus::kSucceeded);
  EXPECT_EQ(d.output, R"({"called":"back"})");
}

TEST_F(SfnActivityTest, SyncExpressAnswersAsynchronouslyAndTimesOutAfterFiveMinutes) {
  // Express machines reject activities at create time; a Wait keeps this one running instead.
  auto sm = machine("slowx", R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}})",
                    model::StateMachineType::kExpress);
  std::optional<Result<model::Execution>> outcome;
  StartExecutionRequest r;
  r.state_machine_arn = sm;
  node_->executions.start_sync_async(kRegion, kAccount, r, [&](Result<model::Execution> e) { outcome = e; });
  node_->queue.run();
  EXPECT_FALSE(outcome);
  node_->queue.advance_ms(5 * 60 * 1000);
  ASSERT_TRUE(outcome);
  ASSERT_TRUE(*outcome);
  EXPECT_EQ((*outcome)->status, model::ExecutionStatus::kTimedOut);
}

}  // namespace
}  // namespace jobflow::engine::sfn
