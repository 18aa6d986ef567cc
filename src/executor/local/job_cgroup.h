#pragma once

#include <string>

#include "base/error.h"
#include "executor/local/unique_fd.h"

namespace jobflow::executor {

// A cgroup2 leaf holding one job's process tree: `cgroup.kill` ends the whole tree at once,
// including descendants that left the job's process group with setsid. No controllers are needed
// (on this machine the unified hierarchy has none). Where cgroup2 is missing or not writable the
// executor falls back to process groups; nothing fails because of it.
class JobCgroup {
 public:
  explicit JobCgroup(std::string path) : path_(std::move(path)) {}

  // Whether job cgroups can be made under `root` (created if missing): it must be on a cgroup2
  // file system, writable, and offer cgroup.kill (Linux >= 5.14).
  static bool usable(const std::string& root);

  // Makes <root>/<job_id>. An existing one is reused only if it is empty (left by a lost
  // supervisor); a populated one belongs to someone else and is refused.
  static Result<JobCgroup> create(const std::string& root, const std::string& job_id);

  const std::string& path() const { return path_; }

  // A directory descriptor for clone3(CLONE_INTO_CGROUP).
  Result<UniqueFd> open_dir() const;
  // cgroup.procs, for a child that moves itself by writing "0" (fallback when clone3 fails).
  Result<UniqueFd> open_procs() const;

  bool populated() const;
  Status kill() const;
  // rmdir; retried briefly because a just-reaped tree may still count for a moment.
  Status remove() const;

 private:
  std::string path_;
};

}  // namespace jobflow::executor
