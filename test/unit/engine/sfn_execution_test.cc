#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "base/manual_clock.h"
#include "engine/sfn/asl_definition_checker.h"
#include "engine/sfn/execution_service.h"
#include "engine/sfn/state_machine_service.h"
#include "fakes/manual_task_queue.h"
#include "store/memory/memory_store.h"

namespace jobflow::engine::sfn {
namespace {

class FixedRandom final : public asl::Random {
 public:
  std::uint64_t next() override { return value_ += 0x9E3779B97F4A7C15ULL; }

 private:
  std::uint64_t value_ = 1;
};

class ExecutionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { clock_.set_ms(1'700'000'000'000); }

  std::string machine(std::string name, std::string_view definition,
                      model::StateMachineType type = model::StateMachineType::kStandard) {
    CreateStateMachineRequest r;
    r.region = "us-east-1";
    r.account = "123456789012";
    r.name = std::move(name);
    r.definition = std::string(definition);
    r.role_arn = "arn:aws:iam::123456789012:role/r";
    r.type = type;
    auto created = machines_.create(std::move(r));
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->machine.arn : "";
  }

  std::string start(ExecutionService& service, const std::string& machine_arn, std::string name,
                    std::string input = "{}") {
    StartExecutionRequest r;
    r.state_machine_arn = machine_arn;
    r.name = std::move(name);
    r.input = std::move(input);
    auto started = service.start("us-east-1", "123456789012", std::move(r));
    EXPECT_TRUE(started) << started.error().message;
    return started ? started->execution_arn : "";
  }

  std::vector<boost::json::object> history(ExecutionService& service, const std::string& arn) {
    auto page = service.history(arn, 1000, false, true, "");
    EXPECT_TRUE(page) << page.error().message;
    std::vector<boost::json::object> out;
    if (page) {
      for (const auto& e : page->events) out.push_back(boost::json::parse(e).as_object());
    }
    return out;
  }

  ManualClock clock_;
  store::MemoryStore store_;
  AslDefinitionChecker checker_;
  StateMachineService machines_{store_, clock_, checker_};
  jobflow::testing::ManualTaskQueue queue_{clock_};
  FixedRandom random_;
  ExecutionService service_{store_, clock_, queue_, machines_, random_};
};

TEST_F(ExecutionServiceTest, RunsToTheEndAndKeepsTheHistory) {
  auto sm = machine("chain", R"({"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.r","Next":"B"},
                                  "B":{"Type":"Succeed"}}})");
  auto arn = start(service_, sm, "e1", R"({"k":"v"})");
  EXPECT_EQ(arn, "arn:aws:states:us-east-1:123456789012:execution:chain:e1");
  auto described = service_.describe(arn);
  ASSERT_TRUE(described) << described.error().message;
  EXPECT_EQ(described->status, model::ExecutionStatus::kSucceeded);
  EXPECT_EQ(described->output, R"({"k":"v","r":{"x":1}})");
  EXPECT_EQ(described->input, R"({"k":"v"})");
  auto events = history(service_, arn);
  ASSERT_EQ(events.size(), 6u);
  EXPECT_EQ(events[0].at("type"), "ExecutionStarted");
  EXPECT_EQ(events[1].at("stateEnteredEventDetails").at("name"), "A");
  EXPECT_EQ(events[5].at("type"), "ExecutionSucceeded");
  EXPECT_EQ(events[5].at("executionSucceededEventDetails").at("output"), R"({"k":"v","r":{"x":1}})");
  EXPECT_EQ(service_.running(), 0u);
}

TEST_F(ExecutionServiceTest, StartIsIdempotentByNameAndInputWhileOpen) {
  auto sm = machine("waits", R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}})");
  auto arn = start(service_, sm, "same", R"({"a":1})");
  StartExecutionRequest again;
  again.state_machine_arn = sm;
  again.name = "same";
  again.input = R"({"a":1})";
  auto repeated = service_.start("us-east-1", "123456789012", again);
  ASSERT_TRUE(repeated);
  EXPECT_EQ(repeated->execution_arn, arn);
  again.input = R"({"a":2})";
  auto conflict = service_.start("us-east-1", "123456789012", again);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(conflict.error().message, "Execution Already Exists: '" + arn + "'");
  again.input = "{nope";
  auto bad = service_.start("us-east-1", "123456789012", again);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().resource, "input");
}

TEST_F(ExecutionServiceTest, WaitTimersFireOnTheQueueAndStopAborts) {
  auto sm = machine("wait", R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}})");
  auto first = start(service_, sm, "a");
  auto second = start(service_, sm, "b");
  EXPECT_EQ(service_.running(), 2u);
  auto stopped = service_.stop(second, "Err", "because");
  ASSERT_TRUE(stopped);
  queue_.advance_ms(9'999);
  EXPECT_EQ(service_.describe(first)->status, model::ExecutionStatus::kRunning);
  queue_.advance_ms(1);
  EXPECT_EQ(service_.describe(first)->status, model::ExecutionStatus::kSucceeded);
  auto aborted = service_.describe(second);
  EXPECT_EQ(aborted->status, model::ExecutionStatus::kAborted);
  EXPECT_EQ(aborted->error, "Err");
  EXPECT_EQ(history(service_, second).back().at("type"), "ExecutionAborted");
}

// kill -9 while executions wait: a new service on the same store resumes them from their
// snapshots, with the event ids going on where they stopped.
TEST_F(ExecutionServiceTest, RecoverResumesRunningExecutionsAfterARestart) {
  auto sm = machine("resume", R"({"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Done","Branches":[
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}},
      {"StartAt":"X","States":{"X":{"Type":"Pass","Result":"x","End":true}}}]},
      "Done":{"Type":"Pass","End":true}}})");
  auto arn = start(service_, sm, "r");
  auto before = history(service_, arn).size();

  jobflow::testing::ManualTaskQueue queue{clock_};  // the old queue (and its timers) died with the process
  ExecutionService restarted(store_, clock_, queue, machines_, random_);
  ASSERT_TRUE(restarted.recover());
  EXPECT_EQ(restarted.running(), 1u);
  queue.advance_ms(30'000);
  auto described = restarted.describe(arn);
  EXPECT_EQ(described->status, model::ExecutionStatus::kSucceeded);
  EXPECT_EQ(described->output, R"([{},"x"])");
  auto events = history(restarted, arn);
  ASSERT_GT(events.size(), before);
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].at("id").as_int64(), static_cast<std::int64_t>(i + 1));
}

TEST_F(ExecutionServiceTest, TasksWithoutAnIntegrationFailNamingTheResource) {
  auto sm = machine("task", R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}})");
  auto arn = start(service_, sm, "t");
  queue_.run();
  auto described = service_.describe(arn);
  EXPECT_EQ(described->status, model::ExecutionStatus::kFailed);
  EXPECT_EQ(described->error, "States.Runtime");
  EXPECT_NE(described->cause->find("arn:aws:states:::sqs:sendMessage"), std::string::npos) << *described->cause;
}

TEST_F(ExecutionServiceTest, ListsNewestFirstWithPagesAndFilters) {
  auto sm = machine("many", R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}})");
  for (int i = 0; i < 5; ++i) start(service_, sm, "e" + std::to_string(i));
  queue_.advance_ms(5'000);
  start(service_, sm, "late");
  auto running = service_.list(sm, model::ExecutionStatus::kRunning, 0, "");
  ASSERT_TRUE(running);
  ASSERT_EQ(running->items.size(), 1u);
  EXPECT_EQ(running->items[0].name, "late");
  std::vector<std::string> names;
  std::string token;
  do {
    auto page = service_.list(sm, std::nullopt, 2, token);
    ASSERT_TRUE(page) << page.error().message;
    for (const auto& e : page->items) names.push_back(e.name);
    token = page->next_token;
  } while (!token.empty());
  EXPECT_EQ(names, (std::vector<std::string>{"late", "e4", "e3", "e2", "e1", "e0"}));
  EXPECT_FALSE(service_.list(sm, std::nullopt, 1001, ""));
  EXPECT_FALSE(service_.list(sm, std::nullopt, 2, "garbage"));
}

TEST_F(ExecutionServiceTest, UnknownAndExpressArnsAreRefused) {
  auto missing = service_.describe("arn:aws:states:us-east-1:123456789012:execution:nope:x");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "Execution Does Not Exist: 'arn:aws:states:us-east-1:123456789012:execution:nope:x'");
  auto express = service_.describe("arn:aws:states:us-east-1:123456789012:express:m:x:y");
  ASSERT_FALSE(express);
  EXPECT_EQ(express.error().message, "Invalid Arn: 'Resource type not valid in this context: express'");
}

TEST_F(ExecutionServiceTest, SyncExpressRunsToTheEnd) {
  auto sm = machine("fast", R"({"StartAt":"A","States":{"A":{"Type":"Pass","Result":7,"End":true}}})",
                    model::StateMachineType::kExpress);
  StartExecutionRequest r;
  r.state_machine_arn = sm;
  auto result = service_.start_sync("us-east-1", "123456789012", r);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->status, model::ExecutionStatus::kSucceeded);
  EXPECT_EQ(result->output, "7");
  auto standard = machine("slow", R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
  r.state_machine_arn = standard;
  auto refused = service_.start_sync("us-east-1", "123456789012", r);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().resource, "type");
}

}  // namespace
}  // namespace jobflow::engine::sfn

namespace jobflow::engine::sfn {
namespace {

TEST_F(ExecutionServiceTest, RedriveRunsAnAbortedExecutionAgainFromItsState) {
  auto sm = machine("redrive", R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":1,"Next":"W"},
                                   "W":{"Type":"Wait","Seconds":10,"End":true}}})");
  auto arn = start(service_, sm, "r1");
  ASSERT_TRUE(service_.stop(arn, "Stopped", "by hand"));
  auto not_now = service_.redrive(start(service_, sm, "other"));  // RUNNING: not redrivable
  ASSERT_FALSE(not_now);
  EXPECT_EQ(not_now.error().resource, "redrive");

  auto redriven = service_.redrive(arn);
  ASSERT_TRUE(redriven) << redriven.error().message;
  auto d = service_.describe(arn);
  EXPECT_EQ(d->status, model::ExecutionStatus::kRunning);
  EXPECT_EQ(d->redrive_count, 1);
  EXPECT_FALSE(d->error);
  queue_.advance_ms(10'000);
  d = service_.describe(arn);
  EXPECT_EQ(d->status, model::ExecutionStatus::kSucceeded);
  EXPECT_EQ(d->output, "1");
  auto events = history(service_, arn);
  std::vector<std::string> types;
  for (const auto& e : events) types.push_back(std::string(e.at("type").as_string()));
  EXPECT_EQ(types, (std::vector<std::string>{"ExecutionStarted", "PassStateEntered", "PassStateExited",
                                             "WaitStateEntered", "ExecutionAborted", "ExecutionRedriven",
                                             "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"}));
  auto again = service_.redrive(arn);  // succeeded now
  ASSERT_FALSE(again);
}

}  // namespace
}  // namespace jobflow::engine::sfn
