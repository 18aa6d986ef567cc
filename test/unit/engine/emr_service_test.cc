#include "engine/emr/emr_service.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "base/manual_clock.h"
#include "engine/emr/record_codec.h"
#include "fakes/fake_executor.h"
#include "fakes/manual_task_queue.h"
#include "store/memory/memory_store.h"

namespace jobflow::engine {
namespace {

using model::ActionOnFailure;
using model::ClusterState;
using model::StepState;

model::StepSpec command(std::string name, std::vector<std::string> args,
                        ActionOnFailure action = ActionOnFailure::kContinue) {
  model::StepSpec s;
  s.name = std::move(name);
  s.action_on_failure = action;
  s.hadoop_jar_step.jar = "command-runner.jar";
  s.hadoop_jar_step.args = std::move(args);
  return s;
}

class EmrServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/jobflow-engine-test-XXXXXX";
    data_dir_ = ::mkdtemp(tmpl);
    config_.data_dir = data_dir_;
    config_.kill_grace_ms = 10'000;
    restart();
  }
  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(data_dir_);
  }
  // A new service on the same store and executor: what a server restart does.
  void restart() {
    service_.reset();
    executor_.forget_watchers();
    tasks_ = std::make_unique<testing::ManualTaskQueue>(clock_);
    service_ = std::make_unique<EmrService>(store_, executor_, *tasks_, clock_, config_);
    ASSERT_TRUE(service_->recover());
    tasks_->run();
  }

  std::string run(std::vector<model::StepSpec> steps, bool keep_alive = true, int level = 1,
                  bool protected_ = false) {
    RunJobFlowRequest req;
    req.spec.name = "test";
    req.spec.keep_alive = keep_alive;
    req.spec.step_concurrency_level = level;
    req.spec.termination_protected = protected_;
    req.spec.instance_groups.push_back({{}, "Master", "MASTER", "ON_DEMAND", "m5.xlarge", 1, {}, {}, {}});
    req.steps = std::move(steps);
    req.region = "us-east-1";
    req.account = "123456789012";
    auto c = service_->run_job_flow(std::move(req));
    EXPECT_TRUE(c) << (c ? "" : c.error().message);
    tasks_->run();
    return c ? c->id : "";
  }
  ClusterState state(const std::string& cluster) { return service_->describe_cluster(cluster)->state; }
  model::Cluster cluster(const std::string& id) { return *service_->describe_cluster(id); }
  std::vector<model::Step> steps(const std::string& cluster) {  // oldest first
    std::vector<model::Step> newest_first;
    std::string marker;
    do {
      auto page = service_->list_steps({.cluster_id = cluster, .marker = marker});
      newest_first.insert(newest_first.end(), page->items.begin(), page->items.end());
      marker = page->marker;
    } while (!marker.empty());
    return {newest_first.rbegin(), newest_first.rend()};
  }
  std::vector<StepState> step_states(const std::string& cluster) {
    std::vector<StepState> out;
    for (const auto& s : steps(cluster)) out.push_back(s.state);
    return out;
  }
  void finish(const std::string& step_id, int code) {
    executor_.finish(step_id, code);
    tasks_->run();
  }

  std::string data_dir_;
  EmrConfig config_;
  ManualClock clock_;
  store::MemoryStore store_;
  testing::FakeExecutor executor_;
  std::unique_ptr<testing::ManualTaskQueue> tasks_;
  std::unique_ptr<EmrService> service_;
};

TEST_F(EmrServiceTest, NewClusterStartsThenWaitsForSteps) {
  RunJobFlowRequest req;
  req.spec.name = "c";
  req.spec.keep_alive = true;
  req.region = "eu-west-1";
  req.account = "123456789012";
  auto c = service_->run_job_flow(req);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->state, ClusterState::kStarting);
  EXPECT_EQ(c->reason_message, "Configuring cluster software");
  EXPECT_TRUE(c->id.starts_with("j-"));
  EXPECT_EQ(c->id.size(), 15u);
  EXPECT_EQ(c->arn, "arn:aws:elasticmapreduce:eu-west-1:123456789012:cluster/" + c->id);
  tasks_->run();
  auto now = cluster(c->id);
  EXPECT_EQ(now.state, ClusterState::kWaiting);
  EXPECT_EQ(now.reason_message, "Cluster ready to run steps.");
  EXPECT_GT(now.ready_ms, 0);
}

TEST_F(EmrServiceTest, TransientClusterRunsStepsInOrderThenTerminates) {
  auto id = run({command("a", {"true"}), command("b", {"true"})}, /*keep_alive=*/false);
  auto s = steps(id);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(state(id), ClusterState::kRunning);
  EXPECT_EQ(step_states(id), (std::vector{StepState::kRunning, StepState::kPending}));
  finish(s[0].id, 0);
  EXPECT_EQ(step_states(id), (std::vector{StepState::kCompleted, StepState::kRunning}));
  finish(s[1].id, 0);
  auto c = cluster(id);
  EXPECT_EQ(c.state, ClusterState::kTerminated);
  EXPECT_EQ(c.reason_code, model::ClusterReasonCode::kAllStepsCompleted);
  EXPECT_EQ(c.reason_message, "Steps completed");
  EXPECT_EQ(executor_.start_order, (std::vector<std::string>{s[0].id, s[1].id}));
}

TEST_F(EmrServiceTest, StepIsPersistedRunningWithItsHandleBeforeTheJobStarts) {
  bool checked = false;
  executor_.start_hook = [&](const executor::JobHandle& h) {
    auto rec = store_.get(kStepKind, h.job_id);
    ASSERT_TRUE(rec && *rec);
    auto st = step_from_record(**rec);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->state, StepState::kRunning);
    ASSERT_TRUE(st->job);
    EXPECT_EQ(st->job->run_dir, h.run_dir);
    checked = true;
  };
  run({command("a", {"true"})});
  EXPECT_TRUE(checked);
}

// ActionOnFailure, as data: step 1 of 3 fails on a keep-alive cluster.
struct FailureCase {
  const char* name;
  ActionOnFailure action;
  bool termination_protected;
  ClusterState cluster_after;
  std::vector<StepState> steps_after;
};

class ActionOnFailureTest : public EmrServiceTest, public ::testing::WithParamInterface<FailureCase> {};

TEST_P(ActionOnFailureTest, FailingFirstStep) {
  const auto& c = GetParam();
  auto id = run({command("fails", {"false"}, c.action), command("b", {"true"}, c.action),
                 command("c", {"true"}, c.action)},
                /*keep_alive=*/true, 1, c.termination_protected);
  finish(steps(id)[0].id, 1);
  EXPECT_EQ(state(id), c.cluster_after);
  EXPECT_EQ(step_states(id), c.steps_after);
  auto failed = steps(id)[0];
  ASSERT_TRUE(failed.failure);
  EXPECT_EQ(failed.failure->message, "Step failed with exitCode 1.");
  EXPECT_TRUE(failed.failure->log_file.ends_with("/steps/" + failed.id + "/stderr"));
}

INSTANTIATE_TEST_SUITE_P(
    EveryAction, ActionOnFailureTest,
    ::testing::Values(
        FailureCase{"Continue", ActionOnFailure::kContinue, false, ClusterState::kRunning,
                    {StepState::kFailed, StepState::kRunning, StepState::kPending}},
        FailureCase{"CancelAndWait", ActionOnFailure::kCancelAndWait, false, ClusterState::kWaiting,
                    {StepState::kFailed, StepState::kCancelled, StepState::kCancelled}},
        FailureCase{"TerminateCluster", ActionOnFailure::kTerminateCluster, false, ClusterState::kTerminatedWithErrors,
                    {StepState::kFailed, StepState::kCancelled, StepState::kCancelled}},
        FailureCase{"TerminateJobFlow", ActionOnFailure::kTerminateJobFlow, false, ClusterState::kTerminatedWithErrors,
                    {StepState::kFailed, StepState::kCancelled, StepState::kCancelled}},
        FailureCase{"TerminateClusterProtected", ActionOnFailure::kTerminateCluster, true, ClusterState::kWaiting,
                    {StepState::kFailed, StepState::kCancelled, StepState::kCancelled}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(EmrServiceTest, TerminateClusterOnFailureSaysWhy) {
  auto id = run({command("fails", {"false"}, ActionOnFailure::kTerminateCluster)});
  finish(steps(id)[0].id, 2);
  auto c = cluster(id);
  EXPECT_EQ(c.reason_code, model::ClusterReasonCode::kStepFailure);
  EXPECT_EQ(c.reason_message, "Shut down as step failed");
  EXPECT_GT(c.ended_ms, 0);
}

TEST_F(EmrServiceTest, ConcurrencyLevelBoundsRunningStepsAndStartsInOrder) {
  std::vector<model::StepSpec> specs;
  for (int i = 0; i < 5; ++i) specs.push_back(command("s" + std::to_string(i), {"true"}));
  auto id = run(specs, true, 2);
  EXPECT_EQ(executor_.running(), 2u);
  auto s = steps(id);
  finish(s[1].id, 0);  // the second finishes first: the third starts
  EXPECT_EQ(step_states(id), (std::vector{StepState::kRunning, StepState::kCompleted, StepState::kRunning,
                                          StepState::kPending, StepState::kPending}));
  ASSERT_TRUE(service_->modify_cluster(id, 4));
  tasks_->run();
  EXPECT_EQ(executor_.running(), 4u);
  for (const auto& st : steps(id))
    if (st.state == StepState::kRunning) finish(st.id, 0);
  EXPECT_EQ(state(id), ClusterState::kWaiting);
  EXPECT_EQ(cluster(id).reason_message, "Cluster ready after last step completed.");
}

TEST_F(EmrServiceTest, ConcurrentClustersAcceptOnlyContinue) {
  auto id = run({}, true, 3);
  auto r = service_->add_job_flow_steps(id, {command("x", {"true"}, ActionOnFailure::kTerminateCluster)}, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(steps(id).empty());
  EXPECT_FALSE(service_->modify_cluster(id, 0));
  EXPECT_FALSE(service_->modify_cluster(id, 257));
  EXPECT_TRUE(service_->modify_cluster(id, 256));
}

TEST_F(EmrServiceTest, AtMost256ActiveStepsAndACallOverTheLimitAddsNothing) {
  auto id = run({});
  std::vector<model::StepSpec> specs(200, command("s", {"true"}));
  ASSERT_TRUE(service_->add_job_flow_steps(id, specs, ""));
  auto over = service_->add_job_flow_steps(id, std::vector<model::StepSpec>(57, command("s", {"true"})), "");
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(over.error().message,
            "Maximum number of active steps(State = 'Running', 'Pending' or 'Cancel_Pending') for cluster exceeded.");
  EXPECT_TRUE(service_->add_job_flow_steps(id, std::vector<model::StepSpec>(56, command("s", {"true"})), ""));
  tasks_->run();
  finish(steps(id)[0].id, 0);  // one done: one more fits
  EXPECT_TRUE(service_->add_job_flow_steps(id, {command("s", {"true"})}, ""));
}

TEST_F(EmrServiceTest, ListStepsIsNewestFirstFiftyAPage) {
  auto id = run({});
  std::vector<std::string> all;
  for (int i = 0; i < 3; ++i) {
    auto ids = service_->add_job_flow_steps(id, std::vector<model::StepSpec>(40, command("s", {"true"})), "");
    ASSERT_TRUE(ids);
    all.insert(all.end(), ids->begin(), ids->end());
  }
  std::vector<std::string> seen;
  std::string marker;
  int pages = 0;
  do {
    auto page = service_->list_steps({.cluster_id = id, .marker = marker});
    ASSERT_TRUE(page);
    EXPECT_LE(page->items.size(), 50u);
    for (const auto& s : page->items) seen.push_back(s.id);
    marker = page->marker;
    ++pages;
  } while (!marker.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, std::vector<std::string>(all.rbegin(), all.rend()));
  auto filtered = service_->list_steps({.cluster_id = id, .states = {StepState::kRunning}});
  ASSERT_EQ(filtered->items.size(), 1u);
  EXPECT_EQ(filtered->items[0].id, all[0]);
  EXPECT_FALSE(service_->list_steps({.cluster_id = id, .marker = "garbage"}));
}

TEST_F(EmrServiceTest, CancelPendingAndRunningSteps) {
  auto id = run({command("a", {"sleep", "60"}), command("b", {"true"})});
  auto s = steps(id);
  auto out = service_->cancel_steps(id, {s[1].id, s[0].id, "s-NOPE"}, model::StepCancellationOption::kSendInterrupt);
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 3u);
  EXPECT_TRUE((*out)[0].submitted);
  EXPECT_TRUE((*out)[1].submitted);
  EXPECT_FALSE((*out)[2].submitted);
  tasks_->run();
  EXPECT_EQ(step_states(id), (std::vector{StepState::kCancelPending, StepState::kCancelled}));
  EXPECT_EQ(executor_.signals(s[0].id), std::vector{executor::CancelMode::kInterrupt});
  executor_.kill(s[0].id, SIGTERM);
  tasks_->run();
  EXPECT_EQ(step_states(id), (std::vector{StepState::kCancelled, StepState::kCancelled}));
  EXPECT_EQ(state(id), ClusterState::kWaiting);  // a cancellation does not trigger ActionOnFailure
  auto again = service_->cancel_steps(id, {s[0].id}, model::StepCancellationOption::kTerminateProcess);
  EXPECT_FALSE((*again)[0].submitted);
}

TEST_F(EmrServiceTest, TerminationCancelsStepsAndEscalatesToKill) {
  auto id = run({command("a", {"sleep", "60"}), command("b", {"true"})});
  auto s = steps(id);
  ASSERT_TRUE(service_->terminate_job_flows({id}));
  tasks_->run();
  EXPECT_EQ(state(id), ClusterState::kTerminating);
  EXPECT_EQ(step_states(id), (std::vector{StepState::kCancelPending, StepState::kCancelled}));
  tasks_->advance_ms(10'000);  // the step ignored SIGTERM: SIGKILL after the grace period
  EXPECT_EQ(executor_.signals(s[0].id), (std::vector{executor::CancelMode::kInterrupt, executor::CancelMode::kKill}));
  executor_.kill(s[0].id, SIGKILL);
  tasks_->run();
  auto c = cluster(id);
  EXPECT_EQ(c.state, ClusterState::kTerminated);
  EXPECT_EQ(c.reason_code, model::ClusterReasonCode::kUserRequest);
  EXPECT_EQ(c.reason_message, "Terminated by user request");
  EXPECT_EQ(steps(id)[0].state_message, "Job terminated");
  EXPECT_FALSE(service_->add_job_flow_steps(id, {command("late", {"true"})}, ""));
}

TEST_F(EmrServiceTest, ProtectedClustersAreNotTerminatedButOthersInTheCallAre) {
  auto a = run({}, true, 1, /*protected=*/true);
  auto b = run({});
  auto r = service_->terminate_job_flows({a, b});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "Could not shut down one or more job flows since they are termination protected.");
  tasks_->run();
  EXPECT_EQ(state(a), ClusterState::kWaiting);
  EXPECT_EQ(state(b), ClusterState::kTerminated);
  ASSERT_TRUE(service_->set_termination_protection({a}, false));
  ASSERT_TRUE(service_->terminate_job_flows({a}));
  EXPECT_EQ(state(a), ClusterState::kTerminated);
}

TEST_F(EmrServiceTest, BootstrapFailureEndsClusterWithErrorsAndNoStepRuns) {
  const std::string script = data_dir_ + "/fail.sh";
  std::ofstream(script) << "exit 1\n";
  RunJobFlowRequest req;
  req.spec.name = "b";
  req.spec.keep_alive = true;
  req.spec.bootstrap_actions = {{"ok", script, {}}, {"never", script, {}}};
  req.steps = {command("a", {"true"})};
  req.region = "us-east-1";
  req.account = "1";
  auto c = service_->run_job_flow(req);
  ASSERT_TRUE(c);
  tasks_->run();
  EXPECT_EQ(state(c->id), ClusterState::kBootstrapping);
  const std::string first = c->id + "-bootstrap-1";
  ASSERT_TRUE(executor_.started(first));
  EXPECT_EQ(executor_.spec(first).argv, (std::vector<std::string>{"/bin/sh", script}));
  executor_.finish(first, 1);
  tasks_->run();
  auto now = cluster(c->id);
  EXPECT_EQ(now.state, ClusterState::kTerminatedWithErrors);
  EXPECT_EQ(now.reason_code, model::ClusterReasonCode::kBootstrapFailure);
  EXPECT_EQ(now.reason_message, "On the master instance (" + now.master_instance_id +
                                    "), bootstrap action 1 returned a non-zero return code");
  EXPECT_EQ(step_states(c->id), std::vector{StepState::kCancelled});
  EXPECT_FALSE(executor_.started(c->id + "-bootstrap-2"));
  EXPECT_FALSE(executor_.started(steps(c->id)[0].id));
}

TEST_F(EmrServiceTest, IdleTimeoutTerminatesAWaitingCluster) {
  auto id = run({});
  ASSERT_FALSE(service_->put_auto_termination_policy(id, 59));
  ASSERT_FALSE(service_->put_auto_termination_policy(id, 604801));
  ASSERT_TRUE(service_->put_auto_termination_policy(id, 60));
  EXPECT_EQ(*service_->get_auto_termination_policy(id), 60);
  tasks_->advance_ms(59'000);
  EXPECT_EQ(state(id), ClusterState::kWaiting);
  tasks_->advance_ms(1'000);
  EXPECT_EQ(state(id), ClusterState::kTerminated);
  EXPECT_EQ(cluster(id).reason_code, model::ClusterReasonCode::kAllStepsCompleted);
}

TEST_F(EmrServiceTest, IdleClockRestartsWhenStepsRun) {
  auto id = run({});
  ASSERT_TRUE(service_->put_auto_termination_policy(id, 60));
  tasks_->advance_ms(50'000);
  auto ids = service_->add_job_flow_steps(id, {command("a", {"true"})}, "");
  tasks_->run();
  tasks_->advance_ms(20'000);
  EXPECT_EQ(state(id), ClusterState::kRunning);
  finish((*ids)[0], 0);
  tasks_->advance_ms(59'000);
  EXPECT_EQ(state(id), ClusterState::kWaiting);
  tasks_->advance_ms(1'000);
  EXPECT_EQ(state(id), ClusterState::kTerminated);
}

TEST_F(EmrServiceTest, SparkSubmitFailsClearlyWhenSparkIsNotInstalled) {
  ::setenv("SPARK_HOME", "/nonexistent", 1);
  auto id = run({command("spark", {"spark-submit", "--deploy-mode", "cluster", "s3://b/job.py"})});
  ::unsetenv("SPARK_HOME");
  auto s = steps(id)[0];
  EXPECT_EQ(s.state, StepState::kFailed);
  ASSERT_TRUE(s.failure);
  EXPECT_EQ(s.failure->reason, "Spark is not installed.");
  EXPECT_FALSE(executor_.started(s.id));
}

TEST_F(EmrServiceTest, CommandRunnerDropsEmptyArgsAndPassesPropertiesAsEnvironment) {
  auto spec = command("a", {"echo", "", "x"});
  spec.hadoop_jar_step.properties = {{"my.key", "v"}};
  auto id = run({spec});
  auto job = executor_.spec(steps(id)[0].id);
  EXPECT_EQ(job.argv, (std::vector<std::string>{"echo", "x"}));
  EXPECT_NE(std::find(job.env.begin(), job.env.end(), std::pair<std::string, std::string>{"my_key", "v"}), job.env.end());
}

TEST_F(EmrServiceTest, RestartReattachesRunningStepsAndRunsPendingOnes) {
  auto id = run({command("a", {"sleep", "5"}), command("b", {"true"})});
  auto s = steps(id);
  ASSERT_TRUE(executor_.started(s[0].id));
  executor_.finish(s[0].id, 7);  // ends while "no server" listens: nobody hears it
  restart();
  EXPECT_EQ(step_states(id), (std::vector{StepState::kFailed, StepState::kRunning}));
  EXPECT_EQ(steps(id)[0].failure->message, "Step failed with exitCode 7.");
  finish(s[1].id, 0);
  EXPECT_EQ(state(id), ClusterState::kWaiting);
  // ids are never reused across restarts
  auto again = run({command("c", {"true"})});
  EXPECT_NE(again, id);
  EXPECT_NE(steps(again)[0].id, s[0].id);
  EXPECT_NE(steps(again)[0].id, s[1].id);
}

TEST_F(EmrServiceTest, RestartStartsAStepWhoseJobNeverStarted) {
  executor_.fail_starts = true;  // the crash came between the commit and the launch
  auto id = run({command("a", {"true"})});
  executor_.fail_starts = false;
  // The failed start is recorded as a failure of the step: nothing silently disappears.
  EXPECT_EQ(steps(id)[0].state, StepState::kFailed);
}

TEST_F(EmrServiceTest, TagsAreValidatedAndFrozenAfterTermination) {
  auto id = run({});
  EXPECT_TRUE(service_->add_tags(id, {{"k", "v"}, {"k2", "v2"}}));
  EXPECT_TRUE(service_->add_tags(id, {{"k", "v3"}}));
  EXPECT_TRUE(service_->remove_tags(id, {"k2"}));
  auto tags = cluster(id).spec.tags;
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].value, "v3");
  auto bad = service_->add_tags(id, {{std::string(129, 'k'), "v"}});
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().message.starts_with("Invalid tag key"));
  ASSERT_TRUE(service_->terminate_job_flows({id}));
  auto frozen = service_->add_tags(id, {{"k", "v"}});
  ASSERT_FALSE(frozen);
  EXPECT_EQ(frozen.error().message, "Tags cannot be modified on terminated clusters.");
}

TEST_F(EmrServiceTest, UnknownIdsUseTheResourceTheFrontEndsMap) {
  auto d = service_->describe_cluster("j-NOPE");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().resource, "cluster");
  EXPECT_EQ(d.error().message, "Cluster id 'j-NOPE' is not valid.");
  auto a = service_->add_job_flow_steps("j-NOPE", {command("a", {"true"})}, "");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().resource, "job_flow");
  auto id = run({});
  auto s = service_->describe_step(id, "s-NOPE");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "Step id 's-NOPE' is not valid.");
}

}  // namespace
}  // namespace jobflow::engine

namespace jobflow::engine {
namespace {

TEST_F(EmrServiceTest, SetCallsChangeNothingWhenOneIdIsNotModifiable) {
  auto live = run({});
  auto ended = run({});
  ASSERT_TRUE(service_->terminate_job_flows({ended}));
  auto r = service_->set_termination_protection({live, ended}, true);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "A job flow that is shutting down, terminated, or finished may not be modified.");
  EXPECT_FALSE(cluster(live).spec.termination_protected);
  EXPECT_FALSE(service_->set_keep_job_flow_alive({live, "j-NOPE"}, false));
  EXPECT_EQ(state(live), ClusterState::kWaiting);
  ASSERT_TRUE(service_->set_keep_job_flow_alive({live}, false));  // made transient while idle: it ends
  EXPECT_EQ(state(live), ClusterState::kTerminated);
}

}  // namespace
}  // namespace jobflow::engine

namespace jobflow::engine {
namespace {

TEST_F(EmrServiceTest, InstanceGroupSizesChangeButTheMasterStaysAndEndedClustersRefuse) {
  auto id = run({});
  auto master = cluster(id).spec.instance_groups.at(0).id;
  ASSERT_FALSE(master.empty());
  auto bad = service_->modify_instance_groups(id, {InstanceGroupResize{"ig-NOPE", 2}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "Instance group ig-NOPE is not valid.");
  auto resize_master = service_->modify_instance_groups(id, {InstanceGroupResize{master, 3}});
  ASSERT_FALSE(resize_master);
  EXPECT_EQ(resize_master.error().message, "The master instance group cannot be resized.");
  ASSERT_TRUE(service_->modify_instance_groups("", {InstanceGroupResize{master, 1}}));  // found by group id
  ASSERT_TRUE(service_->terminate_job_flows({id}));
  tasks_->run();
  auto ended = service_->modify_instance_groups(id, {InstanceGroupResize{master, 1}});
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().code, ErrorCode::kInvalidState);
}

}  // namespace
}  // namespace jobflow::engine
