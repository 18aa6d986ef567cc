#pragma once

#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/error.h"
#include "executor/local/spawn_protocol.h"
#include "executor/local/unique_fd.h"

namespace jobflow::executor {

// The server's end of the spawner: starts it (posix_spawn of `executable` with the hidden
// argument, in a session of its own so that Ctrl-C to the server's group misses it), sends it
// requests one at a time, restarts it if it died, and on destruction closes the socket, which
// ends it, and reaps it. Thread-safe.
class SpawnerClient {
 public:
  // Error::resource of the errors that mean "the spawner could not be reached" (see spawn()).
  static constexpr std::string_view kUnreachable = "spawner";

  static Result<std::unique_ptr<SpawnerClient>> start(std::string executable);
  ~SpawnerClient();

  // Asks for a supervisor for `request`. `lock_fd` is the job's run-dir lock, held by the caller;
  // it is passed along (SCM_RIGHTS) and held by the supervisor from then on. An Error means the
  // spawner could not be reached (it is restarted on the next call) and the request may or may
  // not have been carried out; a reply with ok=false means it was refused.
  Result<SpawnReply> spawn(const SpawnRequest& request, int lock_fd);

  // The spawner's pid, for tests and diagnostics (0 when none runs).
  pid_t pid() const;

 private:
  explicit SpawnerClient(std::string executable) : executable_(std::move(executable)) {}
  Status launch_locked();
  void stop_locked();
  Result<SpawnReply> receive_locked(int timeout_ms);

  mutable std::mutex mutex_;
  std::string executable_;
  pid_t pid_ = 0;
  UniqueFd pidfd_;
  UniqueFd socket_;
};

}  // namespace jobflow::executor
