#include "engine/livy/batch_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/manual_clock.h"
#include "fakes/fake_executor.h"
#include "fakes/manual_task_queue.h"
#include "store/memory/memory_store.h"

namespace jobflow::engine::livy {
namespace {

using model::LivyState;

class LivyBatchServiceTest : public ::testing::Test {
 protected:
  LivyBatchServiceTest() {
    dir_ = std::filesystem::temp_directory_path() / ("livy-batch-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    config_.data_dir = dir_.string();
    config_.instance_tag = "t";
    config_.kill_grace_ms = 5000;
    reopen();
  }
  ~LivyBatchServiceTest() override { std::filesystem::remove_all(dir_); }

  // A new service on the same store and executor: a server restart.
  void reopen() {
    executor_.forget_watchers();
    tasks_.clear();
    service_ = std::make_unique<BatchService>(store_, executor_, tasks_, clock_, config_, commands_, gate_);
    ASSERT_TRUE(service_->recover());
  }

  model::BatchRequest request(std::string file = "/opt/app.py") {
    model::BatchRequest r;
    r.file = std::move(file);
    r.args = {"a", "b"};
    return r;
  }
  static std::string job_of(std::int64_t id) { return "livy-batch-" + std::to_string(id) + "-t"; }
  LivyState state(std::int64_t id) { return service_->get(std::to_string(id))->batch.state; }

  std::filesystem::path dir_;
  ManualClock clock_;
  testing::ManualTaskQueue tasks_{clock_};
  testing::FakeExecutor executor_;
  store::MemoryStore store_;
  LivyConfig config_;
  BatchCommandBuilder commands_{config_};
  CreationGate gate_{100};
  std::unique_ptr<BatchService> service_;
};

TEST_F(LivyBatchServiceTest, CreateStartsTheJobAndItsExitDecidesTheState) {
  auto created = service_->create(request(), std::nullopt);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->batch.id, 0);
  EXPECT_EQ(created->batch.state, LivyState::kRunning);
  EXPECT_TRUE(executor_.started(job_of(0)));
  auto spec = executor_.spec(job_of(0));
  EXPECT_EQ(spec.argv, (std::vector<std::string>{"python3", "/opt/app.py", "a", "b"}));
  EXPECT_TRUE(spec.merge_stderr);
  EXPECT_EQ(gate_.in_flight(), 0);

  executor_.finish(job_of(0), 0);
  tasks_.run();
  EXPECT_EQ(state(0), LivyState::kSuccess);

  ASSERT_TRUE(service_->create(request(), std::nullopt));
  executor_.finish(job_of(1), 3);
  tasks_.run();
  EXPECT_EQ(state(1), LivyState::kDead);
}

TEST_F(LivyBatchServiceTest, TheLogStartsWithNotesAndTheViewShowsItsTail) {
  auto created = service_->create(request(), std::nullopt);
  ASSERT_TRUE(created);
  ASSERT_FALSE(created->log_tail.empty());
  EXPECT_EQ(created->log_tail.front(), "stdout: ");
  EXPECT_EQ(created->log_tail.back(), "\nstderr: ");
  EXPECT_TRUE(created->log_tail[1].starts_with("jobflow: "));
}

TEST_F(LivyBatchServiceTest, ARejectedRequestRegistersNothingAndTakesNoId) {
  auto missing = service_->create(request(""), std::nullopt);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "requirement failed: File is required.");
  auto relative = service_->create(request("app.py"), std::nullopt);
  ASSERT_FALSE(relative);
  EXPECT_EQ(service_->list(0, 100)->total, 0);
  auto created = service_->create(request(), std::nullopt);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->batch.id, 0);
}

TEST_F(LivyBatchServiceTest, NamesAreUniqueNotNumericAndFindTheBatch) {
  auto r = request();
  r.fields.name = "nightly";
  ASSERT_TRUE(service_->create(r, std::nullopt));
  auto duplicate = service_->create(r, std::nullopt);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().message, "Duplicate session name: Some(nightly) for session 1");
  r.fields.name = "42";
  auto numeric = service_->create(r, std::nullopt);
  ASSERT_FALSE(numeric);
  EXPECT_EQ(numeric.error().message, "Invalid session name: 42");
  auto by_name = service_->get("nightly");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->batch.id, 0);
  auto unknown = service_->get("7");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "Session '7' not found.");
}

TEST_F(LivyBatchServiceTest, DeleteInterruptsThenKillsAndAnswersOnceTheJobEnded) {
  ASSERT_TRUE(service_->create(request(), std::nullopt));
  std::optional<Status> answer;
  service_->remove("0", [&](Status s) { answer = s; });
  EXPECT_EQ(executor_.signals(job_of(0)), std::vector<model::CancelMode>{model::CancelMode::kInterrupt});
  EXPECT_FALSE(answer);
  tasks_.advance_ms(5000);
  EXPECT_EQ(executor_.signals(job_of(0)),
            (std::vector<model::CancelMode>{model::CancelMode::kInterrupt, model::CancelMode::kKill}));
  EXPECT_FALSE(answer);
  executor_.kill(job_of(0), 9);
  tasks_.run();
  ASSERT_TRUE(answer);
  EXPECT_TRUE(*answer);
  EXPECT_FALSE(service_->get("0"));
  EXPECT_EQ(service_->list(0, 100)->total, 0);
  // The id is not handed out again.
  EXPECT_EQ(service_->create(request(), std::nullopt)->batch.id, 1);
}

TEST_F(LivyBatchServiceTest, RestartReattachesRunningBatchesAndKeepsCounting) {
  ASSERT_TRUE(service_->create(request(), std::nullopt));
  ASSERT_TRUE(service_->create(request(), std::nullopt));
  executor_.finish(job_of(1), 0);
  tasks_.run();
  reopen();
  EXPECT_EQ(state(0), LivyState::kRunning);
  EXPECT_EQ(state(1), LivyState::kSuccess);
  executor_.finish(job_of(0), 1);  // ended while no server watched; the new watch hears it
  tasks_.run();
  EXPECT_EQ(state(0), LivyState::kDead);
  EXPECT_EQ(service_->create(request(), std::nullopt)->batch.id, 2);
}

TEST_F(LivyBatchServiceTest, AKillUnderWayWhenTheServerStoppedEndsKilled) {
  ASSERT_TRUE(service_->create(request(), std::nullopt));
  service_->remove("0", [](Status) {});
  reopen();
  executor_.kill(job_of(0), 15);
  tasks_.run();
  EXPECT_EQ(state(0), LivyState::kKilled);
}

TEST_F(LivyBatchServiceTest, FinishedBatchesAreForgottenAfterTheRetentionTime) {
  config_.retain_finished_ms = 10'000;
  reopen();
  ASSERT_TRUE(service_->create(request(), std::nullopt));
  executor_.finish(job_of(0), 0);
  tasks_.run();
  tasks_.advance_ms(9'000);
  EXPECT_TRUE(service_->get("0"));
  tasks_.advance_ms(11'000);
  EXPECT_FALSE(service_->get("0"));
}

TEST_F(LivyBatchServiceTest, TheCreationCapCountsBatchesBeingStarted) {
  CreationGate one(1);
  BatchService capped(store_, executor_, tasks_, clock_, config_, commands_, one);
  auto starting = one.try_acquire();  // a session is starting
  ASSERT_TRUE(starting);
  auto refused = capped.create(request(), std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "Rejected, too many sessions are being created!");
  starting.reset();
  EXPECT_TRUE(capped.create(request(), std::nullopt));
  EXPECT_EQ(one.in_flight(), 0);
}

TEST_F(LivyBatchServiceTest, ListsInCreationOrderWithTotal) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(service_->create(request(), std::nullopt));
  auto page = service_->list(1, 2);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].batch.id, 1);
  EXPECT_EQ(page->items[1].batch.id, 2);
  EXPECT_TRUE(service_->list(9, 100)->items.empty());
}

}  // namespace
}  // namespace jobflow::engine::livy
