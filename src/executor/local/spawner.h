#pragma once

#include <string_view>
#include <vector>

#include "executor/local/spawn_protocol.h"
#include "executor/local/unique_fd.h"

namespace jobflow::executor {

// The hidden first argument that turns a jobflow (or test) binary into a spawner.
inline constexpr std::string_view kSpawnerArgument = "__jobflow_spawner";
// An optional argument after the socket fd: LD_BIND_NOW was set for the spawner only, and is
// removed from its environment before any job could inherit it.
inline constexpr std::string_view kUnsetBindNowArgument = "--unset-LD_BIND_NOW";

// If argv asks for a spawner ("<exe> __jobflow_spawner <fd> [--unset-LD_BIND_NOW]"), runs it until the server closes
// its end of the socket and returns true; main() must then exit. Otherwise returns false at once.
// Call it first thing in main(), before any thread starts: the spawner forks.
bool run_spawner_if_requested(int argc, char** argv);

// The "zygote": a small, single-threaded process that the server starts once (posix_spawn of its
// own executable) and that forks one Supervisor per job on request. Forking it is cheap, unlike
// forking the big multi-threaded server. It records the new supervisor in the job's run dir,
// replies at once (the supervisor sets itself up in parallel), and reaps the supervisors it
// forked. EOF on the socket (server gone) ends it;
// supervisors and jobs keep running.
class Spawner {
 public:
  explicit Spawner(int socket_fd);
  int run();

 private:
  void handle(std::string_view message, UniqueFd lock);
  void reply(const SpawnReply& reply);
  void reap();

  UniqueFd socket_;
  UniqueFd signals_;
  std::vector<char> buffer_;
};

}  // namespace jobflow::executor
