#include "executor/local/run_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <filesystem>
#include <utility>

#include <fmt/format.h>

#include "executor/local/key_value_file.h"
#include "executor/local/sys_error.h"

namespace jobflow::executor {
namespace {

constexpr std::array<std::pair<JobExit::Kind, std::string_view>, 4> kKindNames{{
    {JobExit::Kind::kExited, "exited"},
    {JobExit::Kind::kSignaled, "signaled"},
    {JobExit::Kind::kFailedToStart, "failed_to_start"},
    {JobExit::Kind::kLost, "lost"},
}};

struct flock whole_file_write_lock() {
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = 0;
  lock.l_len = 0;
  return lock;
}

Error corrupt(const std::string& path) {
  return Error::internal(fmt::format("corrupt record {}", path));
}

}  // namespace

std::string_view to_string(JobExit::Kind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "lost";
}

std::optional<JobExit::Kind> parse_exit_kind(std::string_view text) {
  for (const auto& [k, name] : kKindNames) {
    if (name == text) return k;
  }
  return std::nullopt;
}

Status RunDir::create() const {
  std::error_code ec;
  std::filesystem::create_directories(path_, ec);
  if (ec) return fail(Error::internal(fmt::format("cannot create {}: {}", path_, ec.message())));
  return {};
}

Result<UniqueFd> RunDir::try_lock() const {
  std::string path = state_path();
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd) return fail(sys_error(fmt::format("cannot open {}", path), errno));
  // OFD locks rather than flock(): same ownership (the open file description, kept across fork
  // and SCM_RIGHTS), but F_OFD_GETLK can test the lock without taking it.
  struct flock lock = whole_file_write_lock();
  if (::fcntl(fd.get(), F_OFD_SETLK, &lock) != 0) {
    if (errno == EAGAIN || errno == EACCES) return UniqueFd();
    return fail(sys_error(fmt::format("cannot lock {}", path), errno));
  }
  return fd;
}

bool RunDir::lock_held() const {
  UniqueFd fd(::open(state_path().c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return false;
  struct flock lock = whole_file_write_lock();
  if (::fcntl(fd.get(), F_OFD_GETLK, &lock) != 0) return false;
  return lock.l_type != F_UNLCK;
}

Result<RunState> RunDir::read_state() const {
  auto file = KeyValueFile::read(state_path());
  if (!file) return fail(file.error());
  RunState state;
  if (!*file) return state;
  const KeyValueFile& f = **file;
  // A record is used only when complete (all keys present); a reader racing the append may see
  // a prefix of it, and KeyValueFile::read drops a last line without its newline.
  auto identity = [&](std::string_view prefix) -> std::optional<ProcessIdentity> {
    auto pid = f.get_int(fmt::format("{}.pid", prefix));
    auto start = f.get_int(fmt::format("{}.start_time", prefix));
    auto started_ms = f.get_int(fmt::format("{}.started_ms", prefix));
    if (!pid || !start || !started_ms || *pid <= 0 || *start < 0) return std::nullopt;
    return ProcessIdentity{*pid, static_cast<std::uint64_t>(*start)};
  };
  if (auto process = identity("supervisor")) {
    state.supervisor = SupervisorRecord{*process, *f.get_int("supervisor.started_ms")};
  }
  if (auto process = identity("job"); process && f.get("job.cgroup")) {
    JobRecord record;
    record.process = *process;
    record.pgid = f.get_int("job.pgid").value_or(process->pid);
    record.started_ms = *f.get_int("job.started_ms");
    record.cgroup = *f.get("job.cgroup");
    state.job = std::move(record);
  }
  return state;
}

Status RunDir::append_supervisor(int state_fd, const SupervisorRecord& record) {
  KeyValueFile file;
  file.set("supervisor.pid", record.process.pid);
  file.set("supervisor.start_time", static_cast<std::int64_t>(record.process.start_time));
  file.set("supervisor.started_ms", record.started_ms);
  return file.append_to(state_fd);
}

Status RunDir::append_job(int state_fd, const JobRecord& record) {
  KeyValueFile file;
  file.set("job.pid", record.process.pid);
  file.set("job.start_time", static_cast<std::int64_t>(record.process.start_time));
  file.set("job.pgid", record.pgid);
  file.set("job.started_ms", record.started_ms);
  file.set("job.cgroup", record.cgroup);  // last: its presence completes the record
  return file.append_to(state_fd);
}

bool RunDir::started() const {
  if (::access(exit_path().c_str(), F_OK) == 0) return true;
  auto state = read_state();
  return state && state->supervisor.has_value();
}

Result<std::optional<JobExit>> RunDir::read_exit() const {
  auto file = KeyValueFile::read(exit_path());
  if (!file) return fail(file.error());
  if (!*file) return std::optional<JobExit>();
  const KeyValueFile& f = **file;
  auto kind = parse_exit_kind(f.get("kind").value_or(""));
  if (!kind) return fail(corrupt(exit_path()));
  JobExit exit;
  exit.kind = *kind;
  exit.code = static_cast<int>(f.get_int("code").value_or(0));
  exit.signal = static_cast<int>(f.get_int("signal").value_or(0));
  exit.message = f.get("message").value_or("");
  exit.started_ms = f.get_int("started_ms").value_or(0);
  exit.ended_ms = f.get_int("ended_ms").value_or(0);
  return std::optional<JobExit>(std::move(exit));
}

Status RunDir::write_exit(const JobExit& exit) const {
  KeyValueFile file;
  file.set("kind", std::string(to_string(exit.kind)));
  file.set("code", exit.code);
  file.set("signal", exit.signal);
  file.set("message", exit.message);
  file.set("started_ms", exit.started_ms);
  file.set("ended_ms", exit.ended_ms);
  return file.write_atomic(exit_path());
}

}  // namespace jobflow::executor
