#include "executor/local/supervisor.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "base/system_clock.h"
#include "executor/local/sys_error.h"
#include "executor/local/vfork_clone.h"

namespace jobflow::executor {
namespace {

// How long the supervisor keeps killing and reaping what a finished job left behind before it
// records the exit anyway (only processes stuck in uninterruptible sleep take that long).
constexpr auto kLeftoverDeadline = std::chrono::seconds(5);

TimestampMs now_ms() { return SystemClock().now_ms(); }

std::string signal_name(int sig) {
  if (const char* abbrev = ::sigabbrev_np(sig)) return fmt::format("SIG{}", abbrev);
  return fmt::format("signal {}", sig);
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += ' ';
    out += part;
  }
  return out;
}

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string open_error(const std::string& path, int err) {
  return fmt::format("Cannot open \"{}\": {}", path, errno_text(err));
}

UniqueFd open_log(const std::string& path) {
  return UniqueFd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
}

// Everything the child needs, prepared before it starts so that the child only makes system
// calls: it shares the supervisor's memory (vfork semantics) and the C library does not know it
// is a new process.
struct ChildSetup {
  char* const* argv = nullptr;
  const char* working_dir = nullptr;
  int stdout_fd = -1;
  int stderr_fd = -1;
  int exec_error_fd = -1;
  int cgroup_procs_fd = -1;  // move self into the cgroup (when clone3 could not place us)
};

[[noreturn]] void child_failed(const ChildSetup& setup, int err) {
  ssize_t ignored = ::write(setup.exec_error_fd, &err, sizeof err);
  (void)ignored;
  ::_exit(127);
}

[[noreturn]] void exec_child(void* arg) {
  const ChildSetup& setup = *static_cast<const ChildSetup*>(arg);
  // Own process group: kInterrupt signals the group, and the server's group never includes it.
  ::setpgid(0, 0);
  if (setup.cgroup_procs_fd >= 0) {
    ssize_t ignored = ::write(setup.cgroup_procs_fd, "0", 1);
    (void)ignored;
  }
  if (setup.working_dir != nullptr && ::chdir(setup.working_dir) != 0) child_failed(setup, errno);
  // stdin is the supervisor's own /dev/null; the log files are O_APPEND, written by the job.
  if (::dup2(setup.stdout_fd, STDOUT_FILENO) < 0 || ::dup2(setup.stderr_fd, STDERR_FILENO) < 0) {
    child_failed(setup, errno);
  }
  ::signal(SIGPIPE, SIG_DFL);
  ::signal(SIGHUP, SIG_DFL);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execvp(setup.argv[0], setup.argv);
  child_failed(setup, errno);
}

// All descendants of `root`, read from /proc/<pid>/task/<tid>/children. Because the supervisor is
// a child subreaper, orphans (including daemonized, setsid'd ones) re-parent to it, so this finds
// the whole tree even without a cgroup.
std::vector<pid_t> descendants(pid_t root) {
  std::vector<pid_t> found;
  std::vector<pid_t> pending{root};
  while (!pending.empty()) {
    pid_t pid = pending.back();
    pending.pop_back();
    std::string task_dir = fmt::format("/proc/{}/task", pid);
    DIR* dir = ::opendir(task_dir.c_str());
    if (dir == nullptr) continue;
    while (dirent* entry = ::readdir(dir)) {
      if (entry->d_name[0] == '.') continue;
      std::string path = fmt::format("{}/{}/children", task_dir, entry->d_name);
      UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
      if (!fd) continue;
      std::string text;
      char buffer[4096];
      ssize_t n;
      while ((n = ::read(fd.get(), buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(n));
      }
      const char* p = text.c_str();
      while (*p != '\0') {
        char* end = nullptr;
        long child = std::strtol(p, &end, 10);
        if (end == p) break;
        if (child > 0 && found.size() < 100000) {
          found.push_back(static_cast<pid_t>(child));
          pending.push_back(static_cast<pid_t>(child));
        }
        p = end;
      }
    }
    ::closedir(dir);
  }
  return found;
}

}  // namespace

Supervisor::Supervisor(SpawnRequest request, UniqueFd lock, UniqueFd go)
    : request_(std::move(request)),
      lock_(std::move(lock)),
      go_(std::move(go)),
      run_dir_(request_.run_dir) {}

int Supervisor::run() {
  // Without "go" there is no record of this supervisor, so the job must not start: a later
  // start() will start it.
  if (!wait_for_go()) return 1;
  if (auto entered = enter_own_session(); !entered) {
    job_started_ms_ = now_ms();
    return run_dir_.write_exit(failed_to_start(
               fmt::format("cannot set up the job's supervisor: {}", entered.error().message), -1))
               ? 0
               : 1;
  }
  JobExit exit = run_job();
  return run_dir_.write_exit(exit) ? 0 : 1;
}

bool Supervisor::wait_for_go() {
  char byte = 0;
  ssize_t n;
  do {
    n = ::read(go_.get(), &byte, 1);
  } while (n < 0 && errno == EINTR);
  go_.reset();
  if (n == 1) return true;
  // EOF: the spawner could not record us, or died after it did. The record decides.
  auto state = run_dir_.read_state();
  return state && state->supervisor && state->supervisor->process.pid == ::getpid();
}

Status Supervisor::enter_own_session() {
  if (::setsid() < 0) return fail(sys_error("setsid", errno));
  ::prctl(PR_SET_NAME, "jobflow-superv", 0, 0, 0);
  // Blocked and read from a signalfd: a cancel that arrives before the job is forked waits in
  // the queue and is applied right after the fork.
  sigset_t set;
  ::sigemptyset(&set);
  for (int sig : {SIGCHLD, SIGTERM, SIGINT, kKillSignal}) ::sigaddset(&set, sig);
  if (::sigprocmask(SIG_SETMASK, &set, nullptr) != 0) return fail(sys_error("sigprocmask", errno));
  signals_.reset(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!signals_) return fail(sys_error("signalfd", errno));
  ::signal(SIGHUP, SIG_IGN);
  ::signal(SIGPIPE, SIG_IGN);
  // The server's stdio may be a terminal or a pipe that dies with it; the supervisor reports
  // through files only, and the job's stdin is /dev/null.
  int null_fd = ::open("/dev/null", O_RDWR);
  if (null_fd < 0) return fail(sys_error("open /dev/null", errno));
  for (int fd = 0; fd <= 2; ++fd) ::dup2(null_fd, fd);
  if (null_fd > 2) ::close(null_fd);
  ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  return {};
}

JobExit Supervisor::run_job() {
  const std::string& log_dir = request_.log_dir;
  job_started_ms_ = now_ms();
  std::error_code ec;
  std::filesystem::create_directories(log_dir, ec);
  if (ec) {
    return failed_to_start(fmt::format("Cannot create log directory \"{}\": {}", log_dir,
                                       errno_text(ec.value())),
                           -1);
  }
  if (auto controller = ControllerLog::open(log_dir + "/controller")) {
    controller_ = std::move(*controller);
  }
  controller_.info(fmt::format("startExec '{}'", join(request_.argv)));
  UniqueFd stdout_fd = open_log(log_dir + "/stdout");
  if (!stdout_fd) return failed_to_start(open_error(log_dir + "/stdout", errno), -1);
  UniqueFd stderr_fd = request_.merge_stderr ? UniqueFd(::fcntl(stdout_fd.get(), F_DUPFD_CLOEXEC, 3))
                                              : open_log(log_dir + "/stderr");
  if (!stderr_fd) return failed_to_start(open_error(log_dir + "/stderr", errno), -1);

  if (!request_.working_dir.empty()) {
    std::filesystem::create_directories(request_.working_dir, ec);
    if (ec) return cannot_run(ec.value(), stderr_fd.get());
  }
  if (!request_.cgroup_root.empty()) {
    if (auto cgroup = JobCgroup::create(request_.cgroup_root, request_.job_id)) {
      cgroup_ = std::move(*cgroup);
    }
  }
  // This process exists for this job only, so its environment can simply become the job's.
  for (const auto& [name, value] : request_.env) ::setenv(name.c_str(), value.c_str(), 1);

  std::vector<char*> argv;
  for (auto& arg : request_.argv) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int exec_pipe[2];
  if (::pipe2(exec_pipe, O_CLOEXEC) != 0) return cannot_run(errno, stderr_fd.get());
  UniqueFd exec_read(exec_pipe[0]);
  UniqueFd exec_write(exec_pipe[1]);

  job_started_ms_ = now_ms();
  job_pid_ = fork_job(argv.data(), stdout_fd.get(), stderr_fd.get(), exec_write.get());
  if (job_pid_ < 0) {
    int err = errno;
    job_pid_ = 0;
    if (cgroup_) (void)cgroup_->remove();
    return cannot_run(err, stderr_fd.get());
  }
  // Also set here (the child sets it too) so that killpg works whichever runs first.
  ::setpgid(job_pid_, job_pid_);
  exec_write.reset();

  // The pipe closes on a successful exec (CLOEXEC) or carries the errno of the failure.
  int exec_errno = 0;
  ssize_t n;
  do {
    n = ::read(exec_read.get(), &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);
  if (n == sizeof exec_errno) {
    int status = 0;
    while (::waitpid(job_pid_, &status, 0) < 0 && errno == EINTR) {
    }
    job_pid_ = 0;
    if (cgroup_) (void)cgroup_->remove();
    return cannot_run(exec_errno, stderr_fd.get());
  }

  JobRecord record;
  if (auto process = ProcessIdentity::of(job_pid_)) record.process = *process;
  record.process.pid = job_pid_;
  record.pgid = job_pid_;
  record.started_ms = job_started_ms_;
  record.cgroup = cgroup_ ? cgroup_->path() : std::string();
  // Best effort: the record serves poll()'s pid and a cancel after the supervisor was lost.
  (void)RunDir::append_job(lock_.get(), record);

  int status = wait_for_job();
  TimestampMs ended_ms = now_ms();
  reap_leftovers();
  if (cgroup_) (void)cgroup_->remove();

  JobExit exit;
  exit.started_ms = job_started_ms_;
  exit.ended_ms = ended_ms;
  if (WIFSIGNALED(status)) {
    exit.kind = JobExit::Kind::kSignaled;
    exit.signal = WTERMSIG(status);
    exit.message = fmt::format("killed by {}", signal_name(exit.signal));
  } else {
    exit.kind = JobExit::Kind::kExited;
    exit.code = WEXITSTATUS(status);
    if (exit.code != 0) exit.message = fmt::format("exited with code {}", exit.code);
  }
  write_end_lines(exit);
  return exit;
}

pid_t Supervisor::fork_job(char* const* argv, int stdout_fd, int stderr_fd, int exec_error_fd) {
  ChildSetup setup;
  setup.argv = argv;
  setup.working_dir = request_.working_dir.empty() ? nullptr : request_.working_dir.c_str();
  setup.stdout_fd = stdout_fd;
  setup.stderr_fd = stderr_fd;
  setup.exec_error_fd = exec_error_fd;

  // Preferred: vfork semantics straight into the cgroup (clone3). Writing cgroup.procs from the
  // child instead takes the cgroup write lock, which waits for an RCU grace period: measured
  // here at 1-3 ms per job.
  if (cgroup_) {
    bool keep_cgroup = false;
    if (auto dir = cgroup_->open_dir()) {
      pid_t pid = vfork_clone(dir->get(), &exec_child, &setup);
      if (pid >= 0) return pid;
      keep_cgroup = errno == ENOSYS;  // no clone3 at all: the fork below moves the child instead
    }
    if (!keep_cgroup) {  // the cgroup refused the job: run it without one
      (void)cgroup_->remove();
      cgroup_.reset();
    }
  }
  if (!cgroup_) {
    pid_t pid = vfork_clone(-1, &exec_child, &setup);
    if (pid >= 0 || errno != ENOSYS) return pid;
  }
  // No clone3 (old kernel, or no trampoline for this CPU): fork, and the child moves itself.
  UniqueFd cgroup_procs;
  if (cgroup_) {
    if (auto procs = cgroup_->open_procs()) {
      cgroup_procs = std::move(*procs);
      setup.cgroup_procs_fd = cgroup_procs.get();
    } else {
      (void)cgroup_->remove();
      cgroup_.reset();
    }
  }
  pid_t pid = ::fork();
  if (pid == 0) exec_child(&setup);
  return pid;
}

int Supervisor::wait_for_job() {
  for (;;) {
    pollfd pfd{signals_.get(), POLLIN, 0};
    if (::poll(&pfd, 1, -1) < 0 && errno != EINTR) break;
    signalfd_siginfo info{};
    while (::read(signals_.get(), &info, sizeof info) == sizeof info) {
      switch (info.ssi_signo) {
        case SIGCHLD:
          if (auto status = reap_children()) return *status;
          break;
        case SIGTERM:
        case SIGINT:
          ::killpg(job_pid_, SIGTERM);
          break;
        case kKillSignal:
          kill_tree();
          break;
        default:
          break;
      }
    }
  }
  // Only reached if poll itself fails: wait without the signalfd.
  int status = 0;
  while (::waitpid(job_pid_, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

std::optional<int> Supervisor::reap_children() {
  std::optional<int> job_status;
  for (;;) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid < 0 && errno == EINTR) continue;
    if (pid <= 0) break;
    if (pid == job_pid_) job_status = status;
  }
  return job_status;
}

void Supervisor::kill_tree() {
  if (cgroup_) (void)cgroup_->kill();
  if (job_pid_ > 0) ::killpg(job_pid_, SIGKILL);
  for (pid_t pid : descendants(::getpid())) ::kill(pid, SIGKILL);
}

void Supervisor::reap_leftovers() {
  // The job's main process has ended. Whatever it left running (background children, daemons)
  // is killed so that a finished job holds no processes and its cgroup can be removed.
  auto deadline = std::chrono::steady_clock::now() + kLeftoverDeadline;
  for (;;) {
    for (;;) {
      pid_t pid = ::waitpid(-1, nullptr, WNOHANG);
      if (pid > 0 || (pid < 0 && errno == EINTR)) continue;
      if (pid < 0) return;  // ECHILD: nothing left below the supervisor
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) return;
    kill_tree();
    pollfd pfd{signals_.get(), POLLIN, 0};
    ::poll(&pfd, 1, 20);
    signalfd_siginfo info{};
    while (::read(signals_.get(), &info, sizeof info) == sizeof info) {
    }
  }
}

JobExit Supervisor::cannot_run(int err, int stderr_fd) {
  // Java's IOException text, as EMR shows it when command-runner cannot start the program.
  const std::string program = request_.argv.empty() ? std::string() : request_.argv.front();
  if (request_.working_dir.empty()) {
    return failed_to_start(
        fmt::format("Cannot run program \"{}\": error={}, {}", program, err, errno_text(err)),
        stderr_fd);
  }
  return failed_to_start(fmt::format("Cannot run program \"{}\" (in directory \"{}\"): error={}, {}",
                                     program, request_.working_dir, err, errno_text(err)),
                         stderr_fd);
}

JobExit Supervisor::failed_to_start(std::string message, int stderr_fd) {
  JobExit exit;
  exit.kind = JobExit::Kind::kFailedToStart;
  exit.message = std::move(message);
  exit.started_ms = job_started_ms_;
  exit.ended_ms = now_ms();
  if (stderr_fd >= 0) write_all(stderr_fd, exit.message + "\n");
  controller_.warn(exit.message);
  write_end_lines(exit);
  return exit;
}

void Supervisor::write_end_lines(const JobExit& exit) {
  auto seconds = (exit.ended_ms - exit.started_ms) / 1000;
  // The exit code EMR shows: the status itself, 128 + signal as Java reports a killed process,
  // and 1 for a program that could not be started (command-runner dies of the IOException).
  int code = 1;
  if (exit.kind == JobExit::Kind::kExited) {
    code = exit.code;
    controller_.info(fmt::format("waitProcessCompletion ended with exit code {}", exit.code));
  } else if (exit.kind == JobExit::Kind::kSignaled) {
    code = 128 + exit.signal;
    controller_.info(
        fmt::format("waitProcessCompletion ended with signal {}", signal_name(exit.signal)));
  }
  controller_.info(fmt::format("total process run time: {} seconds", seconds));
  if (exit.succeeded()) {
    controller_.info(
        fmt::format("{} succeeded with exitCode 0 and took {} seconds", request_.label, seconds));
  } else {
    controller_.warn(fmt::format("{} failed with exitCode {} and took {} seconds", request_.label,
                                 code, seconds));
  }
}

}  // namespace jobflow::executor
