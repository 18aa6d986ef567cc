#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "base/error.h"
#include "executor/job.h"

namespace jobflow::executor::testutil {

// A throwaway "server": this test binary started again with a hidden argument, in a process group
// of its own. It creates a LocalExecutor, starts one job, reports, and waits to be killed, so a
// test can kill -9 a real server (or Ctrl-C its group) while the job runs.
class TestServer {
 public:
  static Result<TestServer> launch(const std::string& run_root, const JobSpec& spec);

  pid_t pid() const { return pid_; }
  pid_t spawner_pid() const { return spawner_pid_; }
  // Sends `sig` to the server's whole process group, as a terminal's Ctrl-C does.
  void signal_group(int sig) const;
  // Reaps the server; returns its wait status.
  int wait() const;

 private:
  pid_t pid_ = 0;
  pid_t spawner_pid_ = 0;
};

// Runs the server side when argv asks for it; returns its exit status, or nullopt otherwise.
std::optional<int> run_test_server_if_requested(int argc, char** argv);

}  // namespace jobflow::executor::testutil
