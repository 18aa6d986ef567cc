#pragma once

#include <optional>
#include <string>

#include "base/error.h"
#include "executor/job.h"
#include "executor/local/process_identity.h"
#include "executor/local/unique_fd.h"

namespace jobflow::executor {

// Recorded (by the spawner, right after forking the supervisor) before the job can start: from
// then on the job counts as started (start() never starts it again) and this is the process
// watch() waits for.
struct SupervisorRecord {
  ProcessIdentity process;
  TimestampMs started_ms = 0;
};

// Recorded by the supervisor once the job's program was exec'd.
struct JobRecord {
  ProcessIdentity process;
  std::int64_t pgid = 0;
  TimestampMs started_ms = 0;
  std::string cgroup;  // empty when the job runs without a cgroup
};

// What the supervisor has recorded so far.
struct RunState {
  std::optional<SupervisorRecord> supervisor;
  std::optional<JobRecord> job;
};

// A job's run directory: the executor's bookkeeping, shared by the supervisor (writer) and any
// server process (reader), including one started after the previous one died.
//   state  the lock (an OFD write lock the supervisor holds for its whole life) and, appended,
//          the SupervisorRecord (by the spawner) and later the JobRecord (by the supervisor)
//   exit   the JobExit, written once, atomically (temporary file + rename)
// The records share the lock file because on a busy ext4 each new inode costs up to 0.7 ms (see
// README); each record is one write() of key=value lines, and readers ignore an incomplete
// record.
class RunDir {
 public:
  explicit RunDir(std::string path) : path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  std::string state_path() const { return path_ + "/state"; }
  std::string exit_path() const { return path_ + "/exit"; }

  Status create() const;

  // The lock, taken without waiting; an empty fd when someone else holds it. The lock belongs to
  // the open file description, so it passes to whoever inherits or receives the descriptor,
  // and records are appended through that descriptor.
  Result<UniqueFd> try_lock() const;
  // Whether someone holds the lock, without taking it (so it never races a start()).
  bool lock_held() const;

  Result<RunState> read_state() const;
  static Status append_supervisor(int state_fd, const SupervisorRecord& record);
  static Status append_job(int state_fd, const JobRecord& record);

  // True once the job was started: its supervisor is recorded (it may have ended since).
  bool started() const;

  Result<std::optional<JobExit>> read_exit() const;
  Status write_exit(const JobExit& exit) const;

 private:
  std::string path_;
};

// Wire names of JobExit::Kind in the exit record (one table).
std::string_view to_string(JobExit::Kind kind);
std::optional<JobExit::Kind> parse_exit_kind(std::string_view text);

}  // namespace jobflow::executor
