#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "base/error.h"
#include "executor/executor.h"
#include "executor/local/pid_watcher.h"
#include "executor/local/run_dir.h"
#include "executor/local/spawner_client.h"

namespace jobflow::executor {

// The default executor: each job is a real local process under a supervisor of its own, so that
// it outlives the server (kill -9 or graceful shutdown) and a later server finds its exit status
// in the run directory. Process tree: server -> spawner -> supervisor -> job. See
// src/executor/README.md for the run-dir files, restart and cancellation semantics.
class LocalExecutor final : public Executor {
 public:
  struct Options {
    std::string run_root;  // run dirs are <run_root>/<job_id>; created if missing
    // A binary whose main() calls run_spawner_if_requested(); the server's own by default.
    std::string spawner_executable = "/proc/self/exe";
    // Parent of the per-job cgroup2 leaves; empty, or unusable at runtime, means process groups
    // only (then kKill relies on the supervisor's subreaper tree walk).
    std::string cgroup_root = "/sys/fs/cgroup/unified/jobflow";
  };

  static Result<std::unique_ptr<LocalExecutor>> create(Options options);
  ~LocalExecutor() override;

  std::string_view name() const override { return "local"; }
  JobHandle prepare(const JobSpec& spec) const override;
  Status start(const JobHandle& handle, const JobSpec& spec) override;
  void watch(const JobHandle& handle, std::function<void(const JobExit&)> on_exit) override;
  Result<JobStatus> poll(const JobHandle& handle) override;
  Status cancel(const JobHandle& handle, CancelMode mode) override;
  void shutdown() override;

  // For tests and diagnostics.
  pid_t spawner_pid() const;
  bool uses_cgroups() const { return !cgroup_root_.empty(); }

 private:
  struct Watch;
  struct Ended {
    JobExit exit;
  };
  struct Running {
    UniqueFd pidfd;  // of the supervisor
  };
  struct Starting {};  // no supervisor record yet, but the run-dir lock is held
  struct RetryLater {};
  using WatchStep = std::variant<Ended, Running, Starting, RetryLater>;

  LocalExecutor(Options options, std::string cgroup_root, std::unique_ptr<SpawnerClient> spawner);

  WatchStep inspect(const JobHandle& handle) const;
  void advance(std::shared_ptr<Watch> watch);
  Status try_start(const JobHandle& handle, const JobSpec& spec, bool& retry);

  Options options_;
  std::string cgroup_root_;  // options_.cgroup_root if usable, else empty
  std::unique_ptr<SpawnerClient> spawner_;
  std::unique_ptr<PidWatcher> watcher_;
  std::atomic<bool> shut_down_{false};
};

}  // namespace jobflow::executor
