#pragma once

#include <signal.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

#include "executor/job.h"
#include "executor/local/controller_log.h"
#include "executor/local/job_cgroup.h"
#include "executor/local/run_dir.h"
#include "executor/local/spawn_protocol.h"
#include "executor/local/unique_fd.h"

namespace jobflow::executor {

// Runs one job to its end and records how it ended, in a process of its own (forked by the
// spawner) that outlives the server. It sits in its own session, so a Ctrl-C or SIGTERM aimed
// at the server's process group reaches neither it nor the job, and it is a child subreaper, so
// everything the job forks stays below it and can be reaped and killed.
//
// Order of work: wait for "go" (the spawner has recorded this supervisor in `state`) -> setsid,
// signals, stdio to /dev/null -> create logs, working dir, cgroup -> start the job (a CLOEXEC
// pipe reports exec errors) -> append the job record to `state` -> wait, forwarding cancel
// signals -> kill and reap what the job left behind -> remove the cgroup -> controller lines ->
// write `exit`.
class Supervisor {
 public:
  // Signals LocalExecutor::cancel sends to a supervisor (through a pidfd, so never to a process
  // that reused the pid). SIGINT is treated like kInterruptSignal.
  static constexpr int kInterruptSignal = SIGTERM;  // SIGTERM to the job's process group
  static constexpr int kKillSignal = SIGUSR1;       // SIGKILL to the job's whole tree

  // `lock` is the job's run-dir lock (the `state` file), already held; `go` delivers one byte
  // once the spawner has recorded this supervisor, EOF if it could not.
  Supervisor(SpawnRequest request, UniqueFd lock, UniqueFd go);

  // Runs in the freshly forked supervisor process; returns its exit status.
  int run();

 private:
  bool wait_for_go();
  Status enter_own_session();
  JobExit run_job();
  pid_t fork_job(char* const* argv, int stdout_fd, int stderr_fd, int exec_error_fd);
  int wait_for_job();
  std::optional<int> reap_children();
  void kill_tree();
  void reap_leftovers();
  JobExit cannot_run(int err, int stderr_fd);
  JobExit failed_to_start(std::string message, int stderr_fd);
  void write_end_lines(const JobExit& exit);

  SpawnRequest request_;
  UniqueFd lock_;
  UniqueFd go_;
  RunDir run_dir_;
  UniqueFd signals_;  // signalfd: SIGCHLD and the cancel signals, read in order
  ControllerLog controller_;
  std::optional<JobCgroup> cgroup_;
  pid_t job_pid_ = 0;
  TimestampMs job_started_ms_ = 0;
};

}  // namespace jobflow::executor
