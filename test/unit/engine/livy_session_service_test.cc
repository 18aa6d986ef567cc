#include "engine/livy/session_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "base/manual_clock.h"
#include "fakes/fake_executor.h"
#include "fakes/fake_repl_connector.h"
#include "fakes/manual_task_queue.h"
#include "store/memory/memory_store.h"

namespace jobflow::engine::livy {
namespace {

using model::LivyState;
using model::LivyStatementState;

class LivySessionServiceTest : public ::testing::Test {
 protected:
  LivySessionServiceTest() {
    dir_ = std::filesystem::temp_directory_path() / ("livy-session-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    config_.data_dir = dir_.string();
    config_.instance_tag = "t";
    reopen();
  }
  ~LivySessionServiceTest() override { std::filesystem::remove_all(dir_); }

  void reopen() {
    executor_.forget_watchers();
    tasks_.clear();
    service_.reset();
    service_ = std::make_unique<SessionService>(store_, executor_, tasks_, clock_, config_, launches_, connector_,
                                                gate_, "/repl.py");
    ASSERT_TRUE(service_->recover());
  }

  static std::string job_of(std::int64_t id) { return "livy-session-" + std::to_string(id) + "-t"; }

  // The interpreter of session `id` starts listening: the server connects on its next attempt.
  testing::FakeReplConnector::Link& listen(std::int64_t id, int port = 4242) {
    std::ofstream(config_.session_dir(id) + "/repl.json") << "{\"port\":" << port << ",\"pid\":1}";
    const std::size_t before = connector_.links.size();
    tasks_.advance_ms(1000);
    EXPECT_EQ(connector_.links.size(), before + 1);
    return *connector_.links.back();
  }
  void hello(testing::FakeReplConnector::Link& link, std::string statements = "[]") {
    event(link, R"({"event":"hello","pid":1,"python":"3.11","spark":false,"spark_error":"no pyspark","statements":)" +
                    statements + "}");
  }
  void event(testing::FakeReplConnector::Link& link, const std::string& line) {
    auto parsed = parse_repl_event(line);
    ASSERT_TRUE(parsed) << parsed.error().message;
    link.handler.on_event(std::move(*parsed));
    tasks_.run();  // events are handled on the task queue
  }
  std::int64_t idle_session(model::SessionRequest request = pyspark()) {
    auto created = service_->create(std::move(request), std::nullopt);
    EXPECT_TRUE(created) << created.error().message;
    hello(listen(created->session.id));
    return created->session.id;
  }
  static model::SessionRequest pyspark() {
    model::SessionRequest r;
    r.kind = model::LivyKind::kPyspark;
    return r;
  }
  static model::StatementRequest code(std::string text) { return {std::move(text), std::nullopt}; }
  LivyState state(std::int64_t id) { return service_->get(std::to_string(id))->state; }

  std::filesystem::path dir_;
  ManualClock clock_;
  testing::ManualTaskQueue tasks_{clock_};
  testing::FakeExecutor executor_;
  testing::FakeReplConnector connector_;
  store::MemoryStore store_;
  LivyConfig config_;
  SparkConfMapper conf_{config_};
  SessionLaunchBuilder launches_{config_, conf_, conf_.paths()};
  CreationGate gate_{100};
  std::unique_ptr<SessionService> service_;
};

TEST_F(LivySessionServiceTest, StartsAnInterpreterAndBecomesIdleOnItsHello) {
  auto created = service_->create(pyspark(), std::nullopt);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->session.id, 0);
  EXPECT_EQ(created->state, LivyState::kStarting);
  auto spec = executor_.spec(job_of(0));
  ASSERT_GE(spec.argv.size(), 3u);
  EXPECT_EQ(spec.argv[0], "python3");
  EXPECT_EQ(spec.argv[2], "/repl.py");
  EXPECT_EQ(gate_.in_flight(), 1);
  auto& link = listen(0);
  EXPECT_EQ(link.port, 4242);
  EXPECT_EQ(link.token, created->session.repl_token);
  EXPECT_EQ(state(0), LivyState::kStarting);
  hello(link);
  EXPECT_EQ(state(0), LivyState::kIdle);
  EXPECT_EQ(gate_.in_flight(), 0);
}

TEST_F(LivySessionServiceTest, StatementsAreRecordedSentAndFollowTheInterpreter) {
  const auto id = idle_session();
  auto& link = *connector_.links.back();
  auto st = service_->submit("0", code("1+1"));
  ASSERT_TRUE(st);
  EXPECT_EQ(st->id, 0);
  EXPECT_EQ(st->state, LivyStatementState::kWaiting);
  auto sent = link.take();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0], "{\"op\":\"execute\",\"id\":0,\"code\":\"1+1\",\"kind\":\"pyspark\"}\n");
  EXPECT_EQ(state(id), LivyState::kBusy);
  event(link, R"({"event":"statement","statement":{"id":0,"state":"running","output":null,"progress":0.0,"started":5,"completed":0}})");
  EXPECT_EQ(service_->statement("0", 0)->state, LivyStatementState::kRunning);
  event(link, R"({"event":"statement","statement":{"id":0,"state":"available","output":{"status":"ok","execution_count":0,"data":{"text/plain":"2"}},"progress":1.0,"started":5,"completed":9}})");
  auto done = service_->statement("0", 0);
  EXPECT_EQ(done->state, LivyStatementState::kAvailable);
  EXPECT_EQ(done->output_json, R"({"status":"ok","execution_count":0,"data":{"text/plain":"2"}})");
  EXPECT_EQ(done->completed_ms, 9);
  EXPECT_EQ(state(id), LivyState::kIdle);
  EXPECT_EQ(service_->submit("0", code("2"))->id, 1);
  EXPECT_EQ(service_->statements("0", std::nullopt, std::nullopt, true)->items.front().id, 1);
  EXPECT_FALSE(service_->statement("0", 7));
}

TEST_F(LivySessionServiceTest, StatementsPostedWhileStartingWaitForTheInterpreter) {
  ASSERT_TRUE(service_->create(pyspark(), std::nullopt));
  ASSERT_TRUE(service_->submit("0", code("a = 1")));
  ASSERT_TRUE(service_->submit("0", code("a")));
  ASSERT_TRUE(service_->cancel("0", 1));  // never sent: cancelled at once
  EXPECT_EQ(service_->statement("0", 1)->state, LivyStatementState::kCancelled);
  auto& link = listen(0);
  hello(link);
  auto sent = link.take();
  ASSERT_EQ(sent.size(), 1u);  // statement 1 was cancelled before it could be sent
  EXPECT_NE(sent[0].find("\"op\":\"execute\",\"id\":0"), std::string::npos);
}

TEST_F(LivySessionServiceTest, KindsThatCannotRunHereAreRefused) {
  model::SessionRequest sql;
  sql.kind = model::LivyKind::kSql;
  auto refused = service_->create(sql, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(refused.error().message.find("Spark is not installed"), std::string::npos);
  model::SessionRequest shared;
  const auto id = idle_session(shared);
  auto no_kind = service_->submit(std::to_string(id), code("1"));
  ASSERT_FALSE(no_kind);
  EXPECT_EQ(no_kind.error().message, "Code type should be specified if session kind is shared");
  EXPECT_TRUE(service_->submit(std::to_string(id), {"1", model::LivyKind::kPyspark}));
  EXPECT_FALSE(service_->submit(std::to_string(id), {"1", model::LivyKind::kSpark}));
  model::SessionRequest bad_ttl = pyspark();
  bad_ttl.ttl = "abc";
  auto ttl = service_->create(bad_ttl, std::nullopt);
  ASSERT_FALSE(ttl);
  EXPECT_EQ(ttl.error().message, "Invalid time string: abc");
}

TEST_F(LivySessionServiceTest, AnInterpreterThatDiesEndsTheSessionAndItsOpenStatements) {
  const auto id = idle_session();
  ASSERT_TRUE(service_->submit("0", code("import os; os._exit(3)")));
  executor_.finish(job_of(id), 3);
  tasks_.run();
  auto view = service_->get("0");
  EXPECT_EQ(view->state, LivyState::kDead);
  EXPECT_NE(view->session.end_reason.find("exited with code 3"), std::string::npos);
  auto st = service_->statement("0", 0);
  EXPECT_EQ(st->state, LivyStatementState::kAvailable);
  EXPECT_NE(st->output_json.find("SessionDead"), std::string::npos);
  auto post = service_->submit("0", code("1"));
  ASSERT_FALSE(post);
  EXPECT_EQ(post.error().message, "requirement failed: Session isn't active.");
  bool found = false;
  for (const auto& line : view->log_tail) found |= line.find("exited with code 3") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST_F(LivySessionServiceTest, TheReasonInAClosedStatementsOutputIsEscaped) {
  ASSERT_TRUE(service_->create(pyspark(), std::nullopt));
  ASSERT_TRUE(service_->submit("0", code("1")));
  model::JobExit exit;
  exit.kind = model::JobExit::Kind::kFailedToStart;
  exit.message = R"(Cannot run program "/no/python" (in directory "C:\x"))";
  executor_.end(job_of(0), exit);
  tasks_.run();
  auto st = service_->statement("0", 0);
  boost::system::error_code ec;
  auto output = boost::json::parse(st->output_json, ec);
  ASSERT_FALSE(ec) << st->output_json;
  EXPECT_EQ(output.at("evalue").as_string(),
            R"(the session ended: the interpreter could not be started: Cannot run program "/no/python" (in directory "C:\x"))");
  EXPECT_EQ(st->progress, 1.0);
}

TEST_F(LivySessionServiceTest, DeleteStopsTheInterpreterThenForgetsTheSession) {
  idle_session();
  auto& link = *connector_.links.back();
  std::optional<Status> answer;
  service_->remove("0", [&](Status s) { answer = s; });
  EXPECT_EQ(state(0), LivyState::kShuttingDown);
  EXPECT_EQ(link.take().back(), "{\"op\":\"shutdown\"}\n");
  EXPECT_FALSE(answer);
  executor_.finish(job_of(0), 0);
  tasks_.run();
  ASSERT_TRUE(answer);
  EXPECT_FALSE(service_->get("0"));
  EXPECT_EQ(service_->create(pyspark(), std::nullopt)->session.id, 1);
}

TEST_F(LivySessionServiceTest, RestartReconnectsAndCatchesUpFromTheHello) {
  idle_session();
  ASSERT_TRUE(service_->submit("0", code("42")));   // runs while the server is down
  ASSERT_TRUE(service_->submit("0", code("43")));   // lost on the way
  reopen();
  auto& link = listen(0, 5151);
  hello(link, R"([{"id":0,"state":"available","output":{"status":"ok","execution_count":0,"data":{"text/plain":"42"}},"progress":1.0,"started":1,"completed":2}])");
  EXPECT_EQ(service_->statement("0", 0)->state, LivyStatementState::kAvailable);
  auto sent = link.take();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0].find("\"id\":1"), std::string::npos);
  EXPECT_EQ(service_->submit("0", code("44"))->id, 2);
}

TEST_F(LivySessionServiceTest, AnInterpreterGoneWhileTheServerWasDownEndsDead) {
  idle_session();
  service_.reset();  // the server dies; then the interpreter does
  executor_.forget_watchers();
  model::JobExit exit;
  exit.kind = model::JobExit::Kind::kSignaled;
  exit.signal = 9;
  exit.ended_ms = clock_.now_ms();
  executor_.end(job_of(0), exit);
  clock_.advance_ms(1000);
  reopen();
  tasks_.run();
  EXPECT_EQ(state(0), LivyState::kDead);
  EXPECT_NE(service_->get("0")->session.end_reason.find("while the server was down"), std::string::npos);
}

TEST_F(LivySessionServiceTest, AnInterpreterThatNeverAnswersEndsInError) {
  ASSERT_TRUE(service_->create(pyspark(), std::nullopt));
  tasks_.advance_ms(config_.repl_connect_timeout_ms + 1000);
  EXPECT_EQ(state(0), LivyState::kError);
  EXPECT_EQ(executor_.signals(job_of(0)).back(), model::CancelMode::kKill);
  EXPECT_EQ(gate_.in_flight(), 0);
}

TEST_F(LivySessionServiceTest, AConnectionWithoutHelloEndsInErrorAtTheDeadline) {
  ASSERT_TRUE(service_->create(pyspark(), std::nullopt));
  listen(0);  // connected, but the hello never comes
  tasks_.advance_ms(config_.repl_connect_timeout_ms);
  EXPECT_EQ(state(0), LivyState::kError);
  EXPECT_EQ(executor_.signals(job_of(0)).back(), model::CancelMode::kKill);
  // A DELETE now waits for the killed interpreter to be gone.
  std::optional<Status> answer;
  service_->remove("0", [&](Status s) { answer = s; });
  EXPECT_FALSE(answer);
  executor_.kill(job_of(0), 9);
  tasks_.run();
  ASSERT_TRUE(answer);
  EXPECT_TRUE(*answer);
}

TEST_F(LivySessionServiceTest, ACancelWhileDisconnectedReachesTheInterpreterWhenItAnswers) {
  idle_session();
  auto& link = *connector_.links.back();
  ASSERT_TRUE(service_->submit("0", code("import time; time.sleep(60)")));
  event(link, R"({"event":"statement","statement":{"id":0,"state":"running","output":null,"progress":0.0,"started":5,"completed":0}})");
  link.handler.on_closed("connection reset");
  tasks_.run();
  ASSERT_TRUE(service_->cancel("0", 0));
  EXPECT_EQ(service_->statement("0", 0)->state, LivyStatementState::kCancelling);
  auto& again = listen(0);
  hello(again, R"([{"id":0,"state":"running","output":null,"progress":0.0,"started":5,"completed":0}])");
  EXPECT_EQ(service_->statement("0", 0)->state, LivyStatementState::kCancelling);
  auto sent = again.take();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0], "{\"op\":\"cancel\",\"id\":0}\n");
}

TEST_F(LivySessionServiceTest, TwoDeletesUnderWayBothAnswerOnceTheInterpreterIsGone) {
  idle_session();
  std::vector<Status> answers;
  service_->remove("0", [&](Status s) { answers.push_back(s); });
  service_->remove("0", [&](Status s) { answers.push_back(s); });
  EXPECT_TRUE(answers.empty());
  executor_.finish(job_of(0), 0);
  tasks_.run();
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_TRUE(answers[0]);
  EXPECT_TRUE(answers[1]);
  std::optional<Status> late;
  service_->remove("0", [&](Status s) { late = s; });
  ASSERT_TRUE(late);
  ASSERT_FALSE(*late);
  EXPECT_EQ(late->error().message, "Session '0' not found.");
}

TEST_F(LivySessionServiceTest, AnExpiredSessionKeepsItsReasonAndADeleteSurvivesARestart) {
  auto hb = pyspark();
  hb.heartbeat_timeout_s = 1;
  idle_session(hb);
  tasks_.advance_ms(3000);
  executor_.finish(job_of(0), 0);
  tasks_.run();
  auto expired = service_->list(0, 10)->items.at(0);
  EXPECT_EQ(expired.state, LivyState::kDead);
  EXPECT_EQ(expired.session.end_reason, "no heartbeat for 1 s");

  idle_session();
  service_->remove("1", [](Status) {});
  reopen();  // the server dies with the DELETE under way
  executor_.finish(job_of(1), 0);
  tasks_.run();
  EXPECT_FALSE(service_->get("1"));
}

TEST_F(LivySessionServiceTest, HeartbeatAndIdleTimeoutsDeleteTheSession) {
  auto hb = pyspark();
  hb.heartbeat_timeout_s = 2;
  idle_session(hb);
  auto idle = pyspark();
  idle.idle_timeout = "5s";
  idle_session(idle);
  ASSERT_TRUE(service_->get("0"));  // a heartbeat (listing sessions is not one)
  tasks_.advance_ms(1000);
  EXPECT_EQ(service_->list(0, 10)->items[0].state, LivyState::kIdle);
  tasks_.advance_ms(2000);
  EXPECT_EQ(service_->list(0, 10)->items[0].state, LivyState::kShuttingDown);
  EXPECT_EQ(service_->list(0, 10)->items[1].state, LivyState::kIdle);
  tasks_.advance_ms(2000);
  EXPECT_EQ(service_->list(0, 10)->items[1].state, LivyState::kShuttingDown);
  executor_.finish(job_of(0), 0);
  tasks_.run();
  EXPECT_EQ(service_->list(0, 10)->items[0].state, LivyState::kDead);  // kept, with the reason in its log
}

}  // namespace
}  // namespace jobflow::engine::livy
