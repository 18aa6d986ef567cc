#include "executor/local/local_executor.h"

#include <signal.h>
#include "executor/local/pidfd.h"
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/system_clock.h"
#include "executor/local/job_cgroup.h"
#include "executor/local/supervisor.h"
#include "executor/local/sys_error.h"

namespace jobflow::executor {
namespace {

constexpr std::string_view kExecutorName = "local";
// A job whose run-dir lock is held but whose supervisor is not recorded yet is being
// started right now (by this or another server process); that takes well under a millisecond.
constexpr auto kStartingWaitLimit = std::chrono::seconds(2);
constexpr auto kStartingBackoffMax = std::chrono::milliseconds(50);
constexpr auto kRetryDelay = std::chrono::seconds(1);

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

bool valid_job_id(std::string_view id) {
  // The id names a directory (run dir, cgroup), so it must be one path component.
  return !id.empty() && id.size() <= 200 && id != "." && id != ".." &&
         id.find('/') == std::string_view::npos && id.find('\0') == std::string_view::npos;
}

Status check_handle(const JobHandle& handle) {
  if (handle.executor != kExecutorName) {
    return fail(Error::invalid_input(
        "job", fmt::format("job {} belongs to executor \"{}\", not \"local\"", handle.job_id,
                           handle.executor)));
  }
  if (!valid_job_id(handle.job_id)) {
    return fail(Error::invalid_input("job", fmt::format("invalid job id \"{}\"", handle.job_id)));
  }
  if (handle.run_dir.empty()) {
    return fail(Error::invalid_input("job", fmt::format("job {} has no run dir", handle.job_id)));
  }
  return {};
}

std::string absolute(const std::string& path) {
  if (path.empty()) return path;
  std::error_code ec;
  auto result = std::filesystem::absolute(path, ec);
  return ec ? path : result.lexically_normal().string();
}

JobExit lost(std::string message, TimestampMs started_ms = 0) {
  JobExit exit;
  exit.kind = JobExit::Kind::kLost;
  exit.message = std::move(message);
  exit.started_ms = started_ms;
  exit.ended_ms = SystemClock().now_ms();
  return exit;
}

JobExit lost_supervisor(const JobHandle& handle, const RunState& state) {
  const SupervisorRecord& supervisor = *state.supervisor;
  return lost(fmt::format("the supervisor of job {} (pid {}) ended without recording the job's "
                          "exit status; the job's outcome is unknown",
                          handle.job_id, supervisor.process.pid),
              state.job ? state.job->started_ms : supervisor.started_ms);
}

}  // namespace

struct LocalExecutor::Watch {
  JobHandle handle;
  std::function<void(const JobExit&)> on_exit;
  int starting_waits = 0;
};

Result<std::unique_ptr<LocalExecutor>> LocalExecutor::create(Options options) {
  if (options.run_root.empty()) {
    return fail(Error::invalid_input("executor", "the local executor needs a run_root"));
  }
  options.run_root = absolute(options.run_root);
  std::error_code ec;
  std::filesystem::create_directories(options.run_root, ec);
  if (ec) {
    return fail(Error::internal(
        fmt::format("cannot create run root {}: {}", options.run_root, ec.message())));
  }
  std::string cgroup_root = JobCgroup::usable(options.cgroup_root) ? options.cgroup_root : "";
  auto spawner = SpawnerClient::start(options.spawner_executable);
  if (!spawner) return fail(spawner.error());
  spdlog::info("local executor: run_root={} cgroups={} spawner_pid={}", options.run_root,
               cgroup_root.empty() ? "off" : cgroup_root, (*spawner)->pid());
  return std::unique_ptr<LocalExecutor>(
      new LocalExecutor(std::move(options), std::move(cgroup_root), std::move(*spawner)));
}

LocalExecutor::LocalExecutor(Options options, std::string cgroup_root,
                             std::unique_ptr<SpawnerClient> spawner)
    : options_(std::move(options)),
      cgroup_root_(std::move(cgroup_root)),
      spawner_(std::move(spawner)),
      watcher_(std::make_unique<PidWatcher>()) {}

LocalExecutor::~LocalExecutor() {
  shutdown();
  watcher_.reset();
  spawner_.reset();  // the spawner sees EOF and exits; supervisors and jobs keep running
}

pid_t LocalExecutor::spawner_pid() const { return spawner_ ? spawner_->pid() : 0; }

JobHandle LocalExecutor::prepare(const JobSpec& spec) const {
  JobHandle handle;
  handle.executor = std::string(kExecutorName);
  handle.job_id = spec.job_id;
  handle.run_dir = options_.run_root + "/" + spec.job_id;
  handle.log_dir = spec.log_dir.empty() ? handle.run_dir + "/logs" : absolute(spec.log_dir);
  return handle;
}

Status LocalExecutor::start(const JobHandle& handle, const JobSpec& spec) {
  if (shut_down_) return fail(Error::invalid_state("executor", "the local executor is shut down"));
  if (auto checked = check_handle(handle); !checked) return checked;
  if (spec.argv.empty() || spec.argv.front().empty()) {
    return fail(Error::invalid_input("job", fmt::format("job {} has no program", handle.job_id)));
  }
  for (const auto& [name, value] : spec.env) {
    if (name.empty() || name.find('=') != std::string::npos ||
        name.find('\0') != std::string::npos) {
      return fail(Error::invalid_input("job", fmt::format("invalid environment name \"{}\"", name)));
    }
  }
  RunDir run_dir(handle.run_dir);
  if (auto created = run_dir.create(); !created) return created;
  // A lost spawner connection is retried once: the checks in try_start make that safe even if
  // the lost request did fork a supervisor (it holds the lock, so the retry stops there).
  Status result;
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool retry = false;
    result = try_start(handle, spec, retry);
    if (!retry) break;
  }
  return result;
}

Status LocalExecutor::try_start(const JobHandle& handle, const JobSpec& spec, bool& retry) {
  RunDir run_dir(handle.run_dir);
  if (run_dir.started()) return {};
  auto lock = run_dir.try_lock();
  if (!lock) return fail(lock.error());
  if (!*lock) return {};  // held: a supervisor runs, or another start() is under way
  // Checked again under the lock: the job may have ended (and released it) in between.
  if (run_dir.started()) return {};

  SpawnRequest request;
  request.job_id = handle.job_id;
  request.run_dir = handle.run_dir;
  request.log_dir = handle.log_dir.empty() ? handle.run_dir + "/logs" : handle.log_dir;
  request.working_dir = absolute(spec.working_dir);
  request.label = spec.label;
  request.cgroup_root = cgroup_root_;
  request.merge_stderr = spec.merge_stderr;
  request.argv = spec.argv;
  request.env = spec.env;
  auto reply = spawner_->spawn(request, lock->get());
  if (!reply) {
    retry = reply.error().resource == SpawnerClient::kUnreachable;
    return fail(reply.error());
  }
  if (!reply->ok) {
    return fail(Error::internal(fmt::format("cannot start job {}: {}", handle.job_id,
                                            reply->message)));
  }
  return {};
}

void LocalExecutor::watch(const JobHandle& handle, std::function<void(const JobExit&)> on_exit) {
  if (shut_down_) return;
  advance(std::make_shared<Watch>(Watch{handle, std::move(on_exit), 0}));
}

void LocalExecutor::advance(std::shared_ptr<Watch> watch) {
  WatchStep step = inspect(watch->handle);
  std::visit(Overloaded{
                 [&](Ended& ended) {
                   watcher_->post([watch, exit = std::move(ended.exit)] { watch->on_exit(exit); });
                 },
                 [&](Running& running) {
                   watcher_->when_readable(std::move(running.pidfd),
                                           [this, watch] { advance(watch); });
                 },
                 [&](Starting&) {
                   auto delay = std::min<std::chrono::milliseconds>(
                       std::chrono::milliseconds(1 << std::min(watch->starting_waits, 6)),
                       kStartingBackoffMax);
                   ++watch->starting_waits;
                   watcher_->after(delay, [this, watch] { advance(watch); });
                 },
                 [&](RetryLater&) {
                   watcher_->after(kRetryDelay, [this, watch] { advance(watch); });
                 },
             },
             step);
}

LocalExecutor::WatchStep LocalExecutor::inspect(const JobHandle& handle) const {
  if (auto checked = check_handle(handle); !checked) return Ended{lost(checked.error().message)};
  RunDir run_dir(handle.run_dir);
  auto exit = run_dir.read_exit();
  if (!exit) return Ended{lost(exit.error().message)};
  if (*exit) return Ended{std::move(**exit)};
  auto state = run_dir.read_state();
  if (!state) return Ended{lost(state.error().message)};
  if (!state->supervisor) {
    if (run_dir.lock_held()) return Starting{};
    // The whole job may have run between the reads above; look once more before giving up.
    exit = run_dir.read_exit();
    if (exit && *exit) return Ended{std::move(**exit)};
    state = run_dir.read_state();
    if (!state || !state->supervisor) {
      return Ended{lost(fmt::format("job {} was never started (no supervisor record in {})",
                                    handle.job_id, handle.run_dir))};
    }
  }
  const ProcessIdentity& supervisor = state->supervisor->process;
  auto pidfd = supervisor.open_pidfd();
  if (!pidfd && pidfd.error().code != ErrorCode::kNotFound) return RetryLater{};  // e.g. EMFILE
  // A zombie (ended, not yet reaped by its parent) would make the pidfd readable again and again.
  if (pidfd && supervisor.alive()) return Running{std::move(*pidfd)};
  // The supervisor is gone; it writes the exit record before it ends, unless it was killed.
  exit = run_dir.read_exit();
  if (exit && *exit) return Ended{std::move(**exit)};
  return Ended{lost_supervisor(handle, *state)};
}

Result<JobStatus> LocalExecutor::poll(const JobHandle& handle) {
  if (auto checked = check_handle(handle); !checked) return fail(checked.error());
  RunDir run_dir(handle.run_dir);
  JobStatus status;
  auto exit = run_dir.read_exit();
  if (!exit) return fail(exit.error());
  if (*exit) {
    status.phase = JobStatus::Phase::kEnded;
    status.exit = std::move(**exit);
    return status;
  }
  auto state = run_dir.read_state();
  if (!state) return fail(state.error());
  if (!state->supervisor) return status;  // kNotStarted (a start() may be under way)
  if (state->supervisor->process.alive()) {
    status.phase = JobStatus::Phase::kRunning;
    if (state->job) status.pid = state->job->process.pid;
    return status;
  }
  status.phase = JobStatus::Phase::kEnded;
  exit = run_dir.read_exit();
  if (!exit) return fail(exit.error());
  status.exit = *exit ? std::move(**exit) : lost_supervisor(handle, *state);
  return status;
}

Status LocalExecutor::cancel(const JobHandle& handle, CancelMode mode) {
  if (auto checked = check_handle(handle); !checked) return checked;
  RunDir run_dir(handle.run_dir);
  auto exit = run_dir.read_exit();
  if (!exit) return fail(exit.error());
  if (*exit) return {};  // ended: nothing to do
  auto state = run_dir.read_state();
  if (!state) return fail(state.error());
  // Being started right now: wait for the supervisor to record itself, then signal it. It
  // applies a cancel that arrives before the job's fork right after the fork.
  auto deadline = std::chrono::steady_clock::now() + kStartingWaitLimit;
  while (!state->supervisor && run_dir.lock_held() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    state = run_dir.read_state();
    if (!state) return fail(state.error());
  }
  if (!state->supervisor) {
    if (exit = run_dir.read_exit(); exit && *exit) return {};
    if (run_dir.lock_held()) {
      return fail(Error::invalid_state(
          "job", fmt::format("job {} is still being started; cancel it again", handle.job_id)));
    }
    return {};  // never started: nothing to cancel
  }

  int signal = mode == CancelMode::kInterrupt ? Supervisor::kInterruptSignal
                                              : Supervisor::kKillSignal;
  const ProcessIdentity& supervisor = state->supervisor->process;
  // Signalling an ended but unreaped supervisor (a zombie) would "succeed" and do nothing.
  if (auto pidfd = supervisor.open_pidfd(); pidfd && supervisor.alive()) {
    if (pidfd_send_signal_raw(pidfd->get(), signal) == 0) {
      if (supervisor.alive()) return {};
    } else if (errno != ESRCH) {
      return fail(sys_error(fmt::format("cannot signal the supervisor of job {}", handle.job_id),
                            errno));
    }
  }
  // No supervisor: the job ended (exit recorded) or the supervisor was lost, in which case the
  // job may still run and is signalled directly.
  if (exit = run_dir.read_exit(); exit && *exit) return {};
  std::string cgroup;
  if (state->job) {
    const JobRecord& record = *state->job;
    if (record.process.alive() && record.pgid > 0) {
      ::killpg(static_cast<pid_t>(record.pgid),
               mode == CancelMode::kInterrupt ? SIGTERM : SIGKILL);
    }
    cgroup = record.cgroup;
  } else if (!cgroup_root_.empty()) {
    // Lost between starting the job and recording it: its cgroup still has the usual name.
    cgroup = cgroup_root_ + "/" + handle.job_id;
  }
  if (mode == CancelMode::kKill && !cgroup.empty()) (void)JobCgroup(cgroup).kill();
  return {};
}

void LocalExecutor::shutdown() {
  shut_down_ = true;
  if (watcher_) watcher_->stop();
}

}  // namespace jobflow::executor
