#include "executor/local/local_executor.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <semaphore>
#include <deque>
#include <thread>

#include <fmt/format.h>

#include "executor/local/job_cgroup.h"
#include "executor/local/run_dir.h"
#include "unit/executor/executor_contract.h"
#include "unit/executor/test_server.h"

extern char** environ;

namespace jobflow::executor {
namespace {

using namespace std::chrono_literals;
using testutil::ExitRecorder;
using testutil::read_file;
using testutil::wait_for_pid_file;
using testutil::wait_until;

constexpr const char* kCgroupRoot = "/sys/fs/cgroup/unified/jobflow";

Result<std::unique_ptr<Executor>> make_local(const std::string& state_dir,
                                             const std::string& cgroup_root) {
  LocalExecutor::Options options;
  options.run_root = state_dir + "/runs";
  options.cgroup_root = cgroup_root;
  auto made = LocalExecutor::create(options);
  if (!made) return fail(made.error());
  return std::unique_ptr<Executor>(std::move(*made));
}

// Both ways LocalExecutor controls a job tree: a cgroup2 leaf where the host offers one (falls
// back by itself where not), and process groups plus the supervisor's subreaper tree walk.
INSTANTIATE_TEST_SUITE_P(
    Local, ExecutorContract,
    ::testing::Values(
        ExecutorContractParam{"Cgroup",
                              [](const std::string& dir) { return make_local(dir, kCgroupRoot); }},
        ExecutorContractParam{"ProcessGroup",
                              [](const std::string& dir) { return make_local(dir, ""); }}),
    [](const auto& info) { return info.param.name; });

class LocalExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override { executor_ = make(); }

  std::unique_ptr<LocalExecutor> make(const std::string& cgroup_root = kCgroupRoot) {
    LocalExecutor::Options options;
    options.run_root = run_root();
    options.cgroup_root = cgroup_root;
    auto made = LocalExecutor::create(options);
    EXPECT_TRUE(made) << made.error().message;
    return made ? std::move(*made) : nullptr;
  }

  std::string run_root() const { return temp_.path() + "/runs"; }

  JobSpec spec(const std::string& name, std::vector<std::string> argv) {
    JobSpec spec;
    spec.job_id = testutil::unique_job_id(name);
    spec.argv = std::move(argv);
    spec.log_dir = temp_.path() + "/logs/" + spec.job_id;
    spec.working_dir = temp_.path() + "/work/" + spec.job_id;
    return spec;
  }

  std::optional<JobExit> wait_exit(LocalExecutor& executor, const JobHandle& handle) {
    auto recorder = std::make_shared<ExitRecorder>();
    executor.watch(handle, recorder->callback());
    return recorder->wait();
  }

  static std::string wait_for_release() { return "while [ ! -e release ]; do sleep 0.005; done"; }

  testutil::TempDir temp_;
  std::unique_ptr<LocalExecutor> executor_;
};

TEST_F(LocalExecutorTest, PrepareIsPure) {
  auto job = spec("prepare", {"true"});
  auto handle = executor_->prepare(job);
  EXPECT_EQ(handle.executor, "local");
  EXPECT_EQ(handle.job_id, job.job_id);
  EXPECT_EQ(handle.run_dir, run_root() + "/" + job.job_id);
  EXPECT_EQ(handle.log_dir, job.log_dir);
  EXPECT_TRUE(handle.external_id.empty());
  EXPECT_FALSE(std::filesystem::exists(handle.run_dir));
}

TEST_F(LocalExecutorTest, RunDirRecordsTheJob) {
  auto job = spec("records", {"sh", "-c", "exit 6"});
  auto handle = executor_->prepare(job);
  ASSERT_TRUE(executor_->start(handle, job));
  ASSERT_TRUE(wait_exit(*executor_, handle));
  RunDir run_dir(handle.run_dir);
  auto state = run_dir.read_state();
  auto exit = run_dir.read_exit();
  ASSERT_TRUE(state && state->supervisor && state->job && exit && *exit);
  EXPECT_GT(state->supervisor->process.pid, 0);
  EXPECT_EQ(state->job->pgid, state->job->process.pid);
  EXPECT_TRUE(run_dir.started());
  EXPECT_EQ((*exit)->kind, JobExit::Kind::kExited);
  EXPECT_EQ((*exit)->code, 6);
  std::string text = read_file(run_dir.exit_path());
  EXPECT_NE(text.find("kind=exited\n"), std::string::npos) << text;
  EXPECT_NE(text.find("code=6\n"), std::string::npos) << text;
  EXPECT_FALSE(run_dir.lock_held());
}

// The spawner is started with LD_BIND_NOW (its forks then bind no symbols lazily) and must drop
// it again: a job sees the server's environment, nothing added.
TEST_F(LocalExecutorTest, JobDoesNotInheritTheSpawnersBindNow) {
  ASSERT_EQ(::getenv("LD_BIND_NOW"), nullptr) << "run this test without LD_BIND_NOW";
  auto job = spec("bindnow", {"sh", "-c", "echo \"${LD_BIND_NOW-unset}\""});
  auto handle = executor_->prepare(job);
  ASSERT_TRUE(executor_->start(handle, job));
  auto exit = wait_exit(*executor_, handle);
  ASSERT_TRUE(exit && exit->succeeded());
  EXPECT_EQ(read_file(handle.log_dir + "/stdout"), "unset\n");
}

TEST_F(LocalExecutorTest, JobRunsInItsOwnCgroupLeaf) {
  if (!executor_->uses_cgroups()) GTEST_SKIP() << "no writable cgroup2 at " << kCgroupRoot;
  auto job = spec("cgroup", {"sh", "-c", "echo $$ > main.pid; " + wait_for_release()});
  auto handle = executor_->prepare(job);
  ASSERT_TRUE(executor_->start(handle, job));
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  ASSERT_TRUE(main);
  std::string cgroup = std::string(kCgroupRoot) + "/" + job.job_id;
  // The job's main process, and (while the loop runs its `sleep`) maybe one child.
  auto procs = testutil::read_lines(cgroup + "/cgroup.procs");
  EXPECT_NE(std::find(procs.begin(), procs.end(), std::to_string(main->pid)), procs.end());
  testutil::write_file(job.working_dir + "/release", "");
  ASSERT_TRUE(wait_exit(*executor_, handle));
  EXPECT_FALSE(std::filesystem::exists(cgroup));  // removed by the supervisor before exit
}

TEST_F(LocalExecutorTest, JobsKeepRunningWhenTheServerIsKilled) {
  // SIGINT to the server's process group is a Ctrl-C in its terminal; SIGKILL is kill -9.
  for (int sig : {SIGINT, SIGKILL}) {
    SCOPED_TRACE(sig == SIGINT ? "Ctrl-C" : "kill -9");
    auto job = spec("server-dies",
                    {"sh", "-c", "echo $$ > main.pid; " + wait_for_release() + "; exit 9"});
    auto server = testutil::TestServer::launch(run_root(), job);
    ASSERT_TRUE(server) << server.error().message;
    auto main = wait_for_pid_file(job.working_dir + "/main.pid");
    ASSERT_TRUE(main);
    auto spawner = ProcessIdentity::of(server->spawner_pid());
    ASSERT_TRUE(spawner);

    server->signal_group(sig);
    int status = server->wait();
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig);
    EXPECT_TRUE(main->alive());
    // The spawner notices that its server is gone and ends; the job does not.
    EXPECT_TRUE(wait_until([&] { return !spawner->alive(); }));
    EXPECT_TRUE(main->alive());

    auto handle = executor_->prepare(job);
    auto status_now = executor_->poll(handle);
    ASSERT_TRUE(status_now);
    EXPECT_EQ(status_now->phase, JobStatus::Phase::kRunning);
    auto recorder = std::make_shared<ExitRecorder>();
    executor_->watch(handle, recorder->callback());
    testutil::write_file(job.working_dir + "/release", "");
    auto exit = recorder->wait();
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->kind, JobExit::Kind::kExited);
    EXPECT_EQ(exit->code, 9);
  }
}

TEST_F(LocalExecutorTest, LostSupervisorIsReportedAndTheJobCanStillBeKilled) {
  auto job = spec("lost", {"sh", "-c", "echo $$ > main.pid; exec sleep 30"});
  auto handle = executor_->prepare(job);
  ASSERT_TRUE(executor_->start(handle, job));
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  ASSERT_TRUE(main);
  // Once poll() knows the pid, the supervisor has recorded the job and its cgroup.
  ASSERT_TRUE(wait_until([&] {
    auto status = executor_->poll(handle);
    return status && status->pid;
  }));
  auto state = RunDir(handle.run_dir).read_state();
  ASSERT_TRUE(state && state->supervisor);
  auto recorder = std::make_shared<ExitRecorder>();
  executor_->watch(handle, recorder->callback());

  ::kill(static_cast<pid_t>(state->supervisor->process.pid), SIGKILL);
  auto exit = recorder->wait();
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kLost);
  EXPECT_NE(exit->message.find("ended without recording"), std::string::npos) << exit->message;
  auto status = executor_->poll(handle);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->phase, JobStatus::Phase::kEnded);
  EXPECT_EQ(status->exit->kind, JobExit::Kind::kLost);
  EXPECT_TRUE(main->alive());
  EXPECT_TRUE(executor_->start(handle, job));  // a lost job is not started again
  EXPECT_TRUE(executor_->cancel(handle, CancelMode::kKill));
  EXPECT_TRUE(wait_until([&] { return !main->alive(); }));
  // Nobody removes a lost job's cgroup (README); the test cleans up once the zombie is reaped.
  if (executor_->uses_cgroups()) {
    JobCgroup cgroup(std::string(kCgroupRoot) + "/" + job.job_id);
    EXPECT_TRUE(wait_until([&] { return cgroup.remove().has_value(); }));
  }
}

TEST_F(LocalExecutorTest, SpawnerIsRestartedAfterItDies) {
  pid_t first = executor_->spawner_pid();
  ASSERT_GT(first, 0);
  ::kill(first, SIGKILL);
  auto job = spec("after-spawner-death", {"sh", "-c", "exit 2"});
  auto handle = executor_->prepare(job);
  ASSERT_TRUE(executor_->start(handle, job));
  EXPECT_NE(executor_->spawner_pid(), first);
  auto exit = wait_exit(*executor_, handle);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->code, 2);
}

TEST_F(LocalExecutorTest, ShutdownLeavesJobsRunningAndRefusesNewOnes) {
  auto job = spec("shutdown", {"sh", "-c", "echo $$ > main.pid; " + wait_for_release()});
  auto handle = executor_->prepare(job);
  ASSERT_TRUE(executor_->start(handle, job));
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  ASSERT_TRUE(main);
  executor_->shutdown();
  EXPECT_TRUE(main->alive());
  auto refused = executor_->start(executor_->prepare(spec("late", {"true"})), spec("late", {"true"}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidState);
  executor_.reset();

  auto next = make();
  ASSERT_TRUE(next);
  testutil::write_file(job.working_dir + "/release", "");
  auto exit = wait_exit(*next, handle);
  ASSERT_TRUE(exit);
  EXPECT_TRUE(exit->succeeded());
}

TEST_F(LocalExecutorTest, RejectsBadHandlesAndSpecs) {
  auto job = spec("bad", {"true"});
  auto handle = executor_->prepare(job);
  JobHandle foreign = handle;
  foreign.executor = "slurm";
  EXPECT_EQ(executor_->start(foreign, job).error().code, ErrorCode::kInvalidInput);
  JobHandle escaping = handle;
  escaping.job_id = "../etc";
  EXPECT_EQ(executor_->start(escaping, job).error().code, ErrorCode::kInvalidInput);
  JobSpec bad_env = job;
  bad_env.env = {{"A=B", "c"}};
  EXPECT_EQ(executor_->start(handle, bad_env).error().code, ErrorCode::kInvalidInput);
  JobSpec huge = job;
  huge.argv.push_back(std::string(200 * 1024, 'x'));
  EXPECT_EQ(executor_->start(handle, huge).error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(executor_->poll(handle)->phase, JobStatus::Phase::kNotStarted);
  // A watch on a job that was never started ends at once instead of hanging.
  auto exit = wait_exit(*executor_, handle);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kLost);
}

TEST_F(LocalExecutorTest, CreateFailsForABinaryWithoutSpawner) {
  LocalExecutor::Options options;
  options.run_root = run_root();
  options.spawner_executable = "/bin/true";
  auto made = LocalExecutor::create(options);
  ASSERT_FALSE(made);
  EXPECT_NE(made.error().message.find("run_spawner_if_requested"), std::string::npos);
}

// The same load without jobflow: posix_spawnp of `true` and waitpid, `in_flight` at a time, for
// `duration`. Puts the executor's figure in proportion to what the machine can do at the moment.
double raw_spawn_rate(int in_flight, std::chrono::milliseconds duration) {
  std::deque<pid_t> running;
  char arg0[] = "true";
  char* argv[] = {arg0, nullptr};
  int done = 0;
  auto began = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::steady_clock::now() - began; };
  while (elapsed() < duration || !running.empty()) {
    if (elapsed() < duration && static_cast<int>(running.size()) < in_flight) {
      pid_t pid = 0;
      if (::posix_spawnp(&pid, "true", nullptr, nullptr, argv, environ) == 0) running.push_back(pid);
      continue;
    }
    ::waitpid(running.front(), nullptr, 0);  // by pid: the executor's spawner is a child too
    running.pop_front();
    ++done;
  }
  return done / std::chrono::duration<double>(elapsed()).count();
}

// Not a pass/fail test: prints the figures the executor is sized by (see README). Bounded in time
// so that a busy machine does not stretch the suite.
TEST_F(LocalExecutorTest, ReportThroughputAndLatency) {
  constexpr int kMaxJobs = 1000;
  constexpr int kInFlight = 64;
  constexpr auto kBudget = 2s;
  std::counting_semaphore<kInFlight> slots(kInFlight);
  std::atomic<int> done{0};
  std::atomic<int> failed{0};
  int started = 0;
  auto began = std::chrono::steady_clock::now();
  while (started < kMaxJobs && std::chrono::steady_clock::now() - began < kBudget) {
    slots.acquire();
    auto job = spec("bench", {"true"});
    auto handle = executor_->prepare(job);
    ASSERT_TRUE(executor_->start(handle, job));
    ++started;
    executor_->watch(handle, [&](const JobExit& exit) {
      if (!exit.succeeded()) ++failed;
      ++done;
      slots.release();
    });
  }
  ASSERT_TRUE(wait_until([&] { return done == started; }));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  EXPECT_EQ(failed, 0);

  std::vector<double> latencies;
  std::vector<double> start_latencies;
  for (int i = 0; i < 50; ++i) {
    auto job = spec("latency", {"true"});
    auto handle = executor_->prepare(job);
    auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE(executor_->start(handle, job));
    start_latencies.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    ASSERT_TRUE(wait_exit(*executor_, handle));
    latencies.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(latencies.begin(), latencies.end());
  std::sort(start_latencies.begin(), start_latencies.end());
  double raw = raw_spawn_rate(kInFlight, 500ms);
  std::string report = fmt::format(
      "local executor ({}, run dirs in {}): {} `true` jobs, {} in flight: {:.0f} jobs/s "
      "(plain posix_spawn+waitpid of `true` right after: {:.0f}/s); start->exit observed latency "
      "p50 {:.2f} ms, p90 {:.2f} ms; start() alone p50 {:.2f} ms",
      executor_->uses_cgroups() ? "cgroup" : "process group", temp_.path(), started, kInFlight,
      started / seconds, raw, latencies[latencies.size() / 2],
      latencies[latencies.size() * 9 / 10], start_latencies[start_latencies.size() / 2]);
  std::cout << report << std::endl;
  RecordProperty("throughput_jobs_per_second", static_cast<int>(started / seconds));
  RecordProperty("latency_p50_us", static_cast<int>(latencies[latencies.size() / 2] * 1000));
}

}  // namespace
}  // namespace jobflow::executor
