#include "unit/executor/executor_contract.h"

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <thread>

#include <fmt/format.h>

namespace jobflow::executor {

using namespace std::chrono_literals;
using testutil::ExitRecorder;
using testutil::read_file;
using testutil::read_lines;
using testutil::wait_for_pid_file;
using testutil::wait_until;

namespace {

const char* const kInheritedVariable = "JOBFLOW_CONTRACT_INHERITED";
const char* const kOverriddenVariable = "JOBFLOW_CONTRACT_OVERRIDDEN";

bool gone(const ProcessIdentity& process) { return !process.alive(); }

}  // namespace

void ExecutorContract::SetUp() {
  // The environment a server has when it creates its executor is what jobs inherit.
  ::setenv(kInheritedVariable, "from-server", 1);
  ::setenv(kOverriddenVariable, "from-server", 1);
  state_dir_ = path("state");
  create_executor();
}

void ExecutorContract::TearDown() {
  if (!executor_) create_executor();
  for (const auto& handle : started_) {
    auto status = executor_->poll(handle);
    if (status && status->phase == JobStatus::Phase::kRunning) {
      (void)executor_->cancel(handle, CancelMode::kKill);
      auto recorder = watch(handle);
      EXPECT_TRUE(recorder->wait().has_value()) << "job " << handle.job_id << " did not end";
    }
  }
  destroy_executor();  // joins the executor's thread: no callback can come after this
  for (const auto& recorder : recorders_) EXPECT_LE(recorder->calls(), 1);
}

void ExecutorContract::create_executor() {
  auto made = GetParam().make(state_dir_);
  ASSERT_TRUE(made) << made.error().message;
  executor_ = std::move(*made);
}

void ExecutorContract::destroy_executor() { executor_.reset(); }

JobSpec ExecutorContract::spec(const std::string& name, std::vector<std::string> argv) {
  JobSpec spec;
  spec.job_id = testutil::unique_job_id(name);
  spec.argv = std::move(argv);
  spec.log_dir = path("logs/" + spec.job_id);
  spec.working_dir = path("work/" + spec.job_id);
  spec.label = "Step";
  return spec;
}

JobHandle ExecutorContract::start(const JobSpec& spec) {
  JobHandle handle = executor_->prepare(spec);
  auto started = executor_->start(handle, spec);
  EXPECT_TRUE(started) << (started ? "" : started.error().message);
  started_.push_back(handle);
  return handle;
}

std::shared_ptr<ExitRecorder> ExecutorContract::watch(const JobHandle& handle) {
  auto recorder = std::make_shared<ExitRecorder>();
  recorders_.push_back(recorder);
  executor_->watch(handle, recorder->callback());
  return recorder;
}

std::optional<JobExit> ExecutorContract::wait_exit(const JobHandle& handle) {
  auto exit = watch(handle)->wait();
  EXPECT_TRUE(exit.has_value()) << "no exit reported for " << handle.job_id;
  return exit;
}

void ExecutorContract::release(const JobSpec& spec) {
  testutil::write_file(spec.working_dir + "/release", "");
}

TEST_P(ExecutorContract, ExitZero) {
  auto job = spec("true", {"true"});
  auto exit = wait_exit(start(job));
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kExited);
  EXPECT_EQ(exit->code, 0);
  EXPECT_TRUE(exit->succeeded());
  EXPECT_GT(exit->started_ms, 0);
  EXPECT_GE(exit->ended_ms, exit->started_ms);
}

TEST_P(ExecutorContract, ExitCode) {
  auto exit = wait_exit(start(spec("exit3", {"sh", "-c", "exit 3"})));
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kExited);
  EXPECT_EQ(exit->code, 3);
  EXPECT_FALSE(exit->succeeded());
}

TEST_P(ExecutorContract, KilledBySignal) {
  auto exit = wait_exit(start(spec("selfkill", {"sh", "-c", "kill -KILL $$"})));
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kSignaled);
  EXPECT_EQ(exit->signal, SIGKILL);
  EXPECT_FALSE(exit->succeeded());
}

TEST_P(ExecutorContract, ProgramNotFound) {
  auto job = spec("notfound", {"jobflow-no-such-program", "--flag"});
  auto exit = wait_exit(start(job));
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kFailedToStart);
  std::string expected = fmt::format(
      "Cannot run program \"jobflow-no-such-program\" (in directory \"{}\"): error=2, No such "
      "file or directory",
      job.working_dir);
  EXPECT_EQ(exit->message, expected);
  EXPECT_EQ(read_file(job.log_dir + "/stderr"), expected + "\n");
  EXPECT_NE(read_file(job.log_dir + "/controller").find(expected), std::string::npos);
}

TEST_P(ExecutorContract, ProgramNotExecutable) {
  std::string program = path("not-executable.sh");
  testutil::write_file(program, "#!/bin/sh\nexit 0\n");
  ::chmod(program.c_str(), 0644);
  auto job = spec("noexec", {program});
  auto exit = wait_exit(start(job));
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kFailedToStart);
  EXPECT_EQ(exit->message,
            fmt::format("Cannot run program \"{}\" (in directory \"{}\"): error=13, Permission "
                        "denied",
                        program, job.working_dir));
}

TEST_P(ExecutorContract, LogsAreWrittenWhileTheJobRuns) {
  auto job = spec("logs", {"sh", "-c",
                           "echo to-stdout; echo to-stderr >&2; " + wait_for_release() +
                               "; echo after-release"});
  auto handle = start(job);
  EXPECT_TRUE(wait_until([&] { return read_file(job.log_dir + "/stdout") == "to-stdout\n"; }));
  EXPECT_TRUE(wait_until([&] { return read_file(job.log_dir + "/stderr") == "to-stderr\n"; }));
  auto status = executor_->poll(handle);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->phase, JobStatus::Phase::kRunning);  // the job is still waiting
  release(job);
  auto exit = wait_exit(handle);
  ASSERT_TRUE(exit);
  EXPECT_TRUE(exit->succeeded());
  EXPECT_EQ(read_file(job.log_dir + "/stdout"), "to-stdout\nafter-release\n");
}

TEST_P(ExecutorContract, MergedStderrIsInterleavedIntoStdout) {
  auto job = spec("merged", {"sh", "-c", "echo one; echo two >&2; echo three"});
  job.merge_stderr = true;
  auto exit = wait_exit(start(job));
  ASSERT_TRUE(exit);
  EXPECT_TRUE(exit->succeeded());
  EXPECT_EQ(read_file(job.log_dir + "/stdout"), "one\ntwo\nthree\n");
  EXPECT_FALSE(std::filesystem::exists(job.log_dir + "/stderr"));
}

TEST_P(ExecutorContract, EnvironmentWorkingDirAndStdin) {
  auto job = spec("env", {"sh", "-c",
                          "printf '%s|%s|%s|%s|%s\\n' \"$JF_A\" \"$JF_B\" "
                          "\"$JOBFLOW_CONTRACT_INHERITED\" \"$JOBFLOW_CONTRACT_OVERRIDDEN\" "
                          "\"$(pwd)\"; readlink /proc/self/fd/0; cat"});
  job.working_dir += "/nested/deeper";  // created if missing
  job.env = {{"JF_A", "alpha"}, {"JF_B", "two words"}, {kOverriddenVariable, "from-job"}};
  auto exit = wait_exit(start(job));
  ASSERT_TRUE(exit);
  EXPECT_TRUE(exit->succeeded()) << exit->message;
  EXPECT_EQ(read_file(job.log_dir + "/stdout"),
            fmt::format("alpha|two words|from-server|from-job|{}\n/dev/null\n", job.working_dir));
}

TEST_P(ExecutorContract, NoDescriptorLeaksAndDefaultSignals) {
  // The programs are the jobs themselves (no shell in between): ls sees its own descriptors,
  // 3 being the directory it reads; grep shows the signal state it was started with.
  auto fds = spec("fds", {"ls", "/proc/self/fd"});
  auto signals = spec("signals", {"grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"});
  auto fds_exit = wait_exit(start(fds));
  auto signals_exit = wait_exit(start(signals));
  ASSERT_TRUE(fds_exit && signals_exit);
  EXPECT_EQ(read_file(fds.log_dir + "/stdout"), "0\n1\n2\n3\n");
  EXPECT_EQ(read_file(signals.log_dir + "/stdout"),
            "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
}

TEST_P(ExecutorContract, StartTwiceStartsOnce) {
  auto job = spec("once", {"sh", "-c", "echo run >> runs; " + wait_for_release()});
  auto handle = start(job);
  EXPECT_TRUE(executor_->start(handle, job));
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] { EXPECT_TRUE(executor_->start(handle, job)); });
  }
  for (auto& thread : threads) thread.join();
  release(job);
  auto exit = wait_exit(handle);
  ASSERT_TRUE(exit);
  EXPECT_TRUE(exit->succeeded());
  EXPECT_TRUE(executor_->start(handle, job));  // also not after it ended
  EXPECT_EQ(read_file(job.working_dir + "/runs"), "run\n");
}

TEST_P(ExecutorContract, StartIsRejectedWithoutProgram) {
  auto job = spec("noargv", {});
  auto started = executor_->start(executor_->prepare(job), job);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kInvalidInput);
}

TEST_P(ExecutorContract, CancelInterruptStopsTheJob) {
  auto job = spec("interrupt", {"sh", "-c", "echo $$ > main.pid; exec sleep 30"});
  auto handle = start(job);
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  ASSERT_TRUE(main);
  auto began = std::chrono::steady_clock::now();
  ASSERT_TRUE(executor_->cancel(handle, CancelMode::kInterrupt));
  auto exit = wait_exit(handle);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kSignaled);
  EXPECT_EQ(exit->signal, SIGTERM);
  EXPECT_LT(std::chrono::steady_clock::now() - began, 5s);
  EXPECT_TRUE(gone(*main));
}

TEST_P(ExecutorContract, CancelKillStopsAJobThatIgnoresSigterm) {
  auto job = spec("trapterm", {"sh", "-c",
                               "trap '' TERM; echo $$ > main.pid; sleep 30 & echo $! > child.pid; "
                               "wait; wait; wait"});
  auto handle = start(job);
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  auto child = wait_for_pid_file(job.working_dir + "/child.pid");
  ASSERT_TRUE(main && child);
  // An interrupt is only a request: this job ignores it.
  ASSERT_TRUE(executor_->cancel(handle, CancelMode::kInterrupt));
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(main->alive());
  ASSERT_TRUE(executor_->cancel(handle, CancelMode::kKill));
  auto exit = wait_exit(handle);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kSignaled);
  EXPECT_EQ(exit->signal, SIGKILL);
  // When on_exit runs, the whole tree is gone already.
  EXPECT_TRUE(gone(*main));
  EXPECT_TRUE(gone(*child));
}

TEST_P(ExecutorContract, CancelKillStopsAnEscapedGrandchild) {
  // The grandchild double-forks and calls setsid: it leaves the job's process group and session
  // and is re-parented away from the job.
  auto job = spec("escape", {"sh", "-c",
                             "( setsid sh -c 'echo $$ > grandchild.pid; exec sleep 30' & ); "
                             "echo $$ > main.pid; exec sleep 30"});
  auto handle = start(job);
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  auto grandchild = wait_for_pid_file(job.working_dir + "/grandchild.pid");
  ASSERT_TRUE(main && grandchild);
  EXPECT_NE(testutil::session_of(static_cast<pid_t>(grandchild->pid)),
            testutil::session_of(static_cast<pid_t>(main->pid)));
  ASSERT_TRUE(executor_->cancel(handle, CancelMode::kKill));
  auto exit = wait_exit(handle);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kSignaled);
  EXPECT_EQ(exit->signal, SIGKILL);
  EXPECT_TRUE(gone(*main));
  EXPECT_TRUE(gone(*grandchild));
}

TEST_P(ExecutorContract, CancelRightAfterStart) {
  for (auto [mode, signal] : {std::pair{CancelMode::kKill, SIGKILL},
                              std::pair{CancelMode::kInterrupt, SIGTERM}}) {
    auto job = spec("early", {"sleep", "30"});
    auto handle = start(job);
    ASSERT_TRUE(executor_->cancel(handle, mode));  // before the job's pid is known, typically
    auto exit = wait_exit(handle);
    ASSERT_TRUE(exit);
    EXPECT_EQ(exit->kind, JobExit::Kind::kSignaled);
    EXPECT_EQ(exit->signal, signal);
  }
}

TEST_P(ExecutorContract, CancelOfEndedOrUnknownJobIsANoop) {
  auto job = spec("ended", {"true"});
  auto handle = start(job);
  ASSERT_TRUE(wait_exit(handle));
  EXPECT_TRUE(executor_->cancel(handle, CancelMode::kInterrupt));
  EXPECT_TRUE(executor_->cancel(handle, CancelMode::kKill));
  auto status = executor_->poll(handle);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->exit && status->exit->succeeded());

  auto never = spec("never", {"true"});
  auto unknown = executor_->prepare(never);
  EXPECT_TRUE(executor_->cancel(unknown, CancelMode::kKill));
  auto unknown_status = executor_->poll(unknown);
  ASSERT_TRUE(unknown_status);
  EXPECT_EQ(unknown_status->phase, JobStatus::Phase::kNotStarted);
}

TEST_P(ExecutorContract, PollPhases) {
  auto job = spec("phases", {"sh", "-c", "echo $$ > main.pid; " + wait_for_release() + "; exit 4"});
  auto handle = executor_->prepare(job);
  auto before = executor_->poll(handle);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->phase, JobStatus::Phase::kNotStarted);
  EXPECT_FALSE(before->exit);

  start(job);
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  ASSERT_TRUE(main);
  std::optional<JobStatus> running;
  EXPECT_TRUE(wait_until([&] {
    auto status = executor_->poll(handle);
    if (status && status->pid) running = *status;
    return running.has_value();
  }));
  ASSERT_TRUE(running);
  EXPECT_EQ(running->phase, JobStatus::Phase::kRunning);
  EXPECT_EQ(*running->pid, main->pid);
  EXPECT_FALSE(running->exit);

  release(job);
  auto exit = wait_exit(handle);
  ASSERT_TRUE(exit);
  auto after = executor_->poll(handle);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->phase, JobStatus::Phase::kEnded);
  ASSERT_TRUE(after->exit);
  EXPECT_EQ(after->exit->kind, JobExit::Kind::kExited);
  EXPECT_EQ(after->exit->code, 4);
  EXPECT_EQ(after->exit->ended_ms, exit->ended_ms);
}

TEST_P(ExecutorContract, EveryWatchIsCalledExactlyOnce) {
  auto job = spec("watches", {"sh", "-c", wait_for_release() + "; exit 2"});
  auto handle = start(job);
  auto first = watch(handle);
  auto second = watch(handle);
  release(job);
  auto a = first->wait();
  auto b = second->wait();
  auto late = watch(handle);  // after the end: called at once
  auto c = late->wait();
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->code, 2);
  EXPECT_EQ(b->code, 2);
  EXPECT_EQ(c->code, 2);
  destroy_executor();  // no more callbacks after this
  EXPECT_EQ(first->calls(), 1);
  EXPECT_EQ(second->calls(), 1);
  EXPECT_EQ(late->calls(), 1);
}

TEST_P(ExecutorContract, RestartedServerWatchesARunningJob) {
  auto job = spec("restart", {"sh", "-c", "echo $$ > main.pid; " + wait_for_release() + "; exit 7"});
  auto handle = start(job);
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  ASSERT_TRUE(main);
  destroy_executor();
  EXPECT_TRUE(main->alive());  // the job outlives the server

  create_executor();
  auto status = executor_->poll(handle);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->phase, JobStatus::Phase::kRunning);
  EXPECT_TRUE(executor_->start(handle, job));  // must not start it a second time
  auto recorder = watch(handle);
  release(job);
  auto exit = recorder->wait();
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kExited);
  EXPECT_EQ(exit->code, 7);
  EXPECT_EQ(read_file(job.log_dir + "/stdout"), "");
}

TEST_P(ExecutorContract, RestartedServerLearnsTheExitOfAJobThatEndedMeanwhile) {
  auto job = spec("meanwhile", {"sh", "-c", "echo $$ > main.pid; " + wait_for_release() + "; exit 5"});
  auto handle = start(job);
  auto main = wait_for_pid_file(job.working_dir + "/main.pid");
  ASSERT_TRUE(main);
  destroy_executor();
  release(job);
  ASSERT_TRUE(wait_until([&] { return !main->alive(); }));

  create_executor();
  auto exit = wait_exit(handle);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->kind, JobExit::Kind::kExited);
  EXPECT_EQ(exit->code, 5);
  auto status = executor_->poll(handle);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->phase, JobStatus::Phase::kEnded);
  EXPECT_TRUE(executor_->start(handle, job));
  EXPECT_TRUE(executor_->cancel(handle, CancelMode::kKill));
}

TEST_P(ExecutorContract, ControllerLogLines) {
  const std::string time = R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)";
  auto expect_lines = [&](const JobSpec& job, const std::vector<std::string>& patterns) {
    auto lines = read_lines(job.log_dir + "/controller");
    ASSERT_EQ(lines.size(), patterns.size()) << read_file(job.log_dir + "/controller");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      EXPECT_TRUE(std::regex_match(lines[i], std::regex(time + " " + patterns[i])))
          << lines[i] << "\n  does not match: " << patterns[i];
    }
  };

  auto ok = spec("ctl-ok", {"sh", "-c", "exit 0"});
  ASSERT_TRUE(wait_exit(start(ok)));
  expect_lines(ok, {"INFO startExec 'sh -c exit 0'",
                    "INFO waitProcessCompletion ended with exit code 0",
                    R"(INFO total process run time: \d+ seconds)",
                    R"(INFO Step succeeded with exitCode 0 and took \d+ seconds)"});

  auto failed = spec("ctl-fail", {"sh", "-c", "exit 3"});
  ASSERT_TRUE(wait_exit(start(failed)));
  expect_lines(failed, {"INFO startExec 'sh -c exit 3'",
                        "INFO waitProcessCompletion ended with exit code 3",
                        R"(INFO total process run time: \d+ seconds)",
                        R"(WARN Step failed with exitCode 3 and took \d+ seconds)"});

  auto killed = spec("ctl-term", {"sleep", "30"});
  killed.label = "Batch";
  auto handle = start(killed);
  ASSERT_TRUE(executor_->cancel(handle, CancelMode::kInterrupt));
  ASSERT_TRUE(wait_exit(handle));
  expect_lines(killed, {"INFO startExec 'sleep 30'",
                        "INFO waitProcessCompletion ended with signal SIGTERM",
                        R"(INFO total process run time: \d+ seconds)",
                        R"(WARN Batch failed with exitCode 143 and took \d+ seconds)"});

  auto missing = spec("ctl-missing", {"jobflow-no-such-program"});
  ASSERT_TRUE(wait_exit(start(missing)));
  expect_lines(missing, {"INFO startExec 'jobflow-no-such-program'",
                         R"(WARN Cannot run program "jobflow-no-such-program" \(in directory ".*"\): )"
                         R"(error=2, No such file or directory)",
                         R"(INFO total process run time: 0 seconds)",
                         R"(WARN Step failed with exitCode 1 and took 0 seconds)"});
}

}  // namespace jobflow::executor
