#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "executor/job.h"
#include "executor/local/process_identity.h"

namespace jobflow::executor::testutil {

using namespace std::chrono_literals;

// Upper bound for any wait in these tests; conditions normally hold within milliseconds.
inline constexpr auto kDeadline = 10s;

// Polls `condition` every millisecond until it holds or `timeout` passes.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout = kDeadline);

// A fresh directory under $TMPDIR (default /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A job id unique across test processes running at once (cgroup names are machine-wide).
std::string unique_job_id(const std::string& name);

std::string read_file(const std::string& path);
// Creates the parent directories if needed.
void write_file(const std::string& path, const std::string& content);
std::vector<std::string> read_lines(const std::string& path);

// The pid written into `path` by a job script (echo $$ > path), once the file holds one.
std::optional<ProcessIdentity> wait_for_pid_file(const std::string& path);
// Session id of a live process (field 6 of /proc/<pid>/stat); 0 when gone.
pid_t session_of(pid_t pid);

// Collects the on_exit calls of one watch(): the first JobExit, and how many calls there were.
class ExitRecorder : public std::enable_shared_from_this<ExitRecorder> {
 public:
  std::function<void(const JobExit&)> callback();
  std::optional<JobExit> wait(std::chrono::milliseconds timeout = kDeadline);
  int calls() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<JobExit> exit_;
  int calls_ = 0;
};

}  // namespace jobflow::executor::testutil
