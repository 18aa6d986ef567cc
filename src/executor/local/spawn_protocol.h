#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jobflow::executor {

// Messages between LocalExecutor and its spawner over a SOCK_SEQPACKET socketpair: one message
// per request and per reply, so no framing is needed. Both ends are the same binary, so the
// encoding is native-endian with 32-bit lengths.

// Start one job. The job's run-dir lock travels with it as SCM_RIGHTS ancillary data.
struct SpawnRequest {
  std::string job_id;
  std::string run_dir;
  std::string log_dir;
  std::string working_dir;  // absolute, or empty for the spawner's own
  std::string label;
  std::string cgroup_root;  // empty: no cgroup
  bool merge_stderr = false;
  std::vector<std::string> argv;
  std::vector<std::pair<std::string, std::string>> env;
};

// The spawner's answer: the supervisor runs and is recorded in the run dir (ok), or why not.
// The spawner also sends one unsolicited reply with message kSpawnerHello when it is ready.
struct SpawnReply {
  bool ok = false;
  std::int64_t supervisor_pid = 0;
  std::string message;
};

inline constexpr std::string_view kSpawnerHello = "jobflow-spawner-ready";

// A request must fit one datagram: AF_UNIX refuses messages above the socket's send buffer
// (212,992 bytes by default), so argv + env are limited to this much.
inline constexpr std::size_t kMaxSpawnMessageBytes = 128 * 1024;

std::string encode(const SpawnRequest& request);
std::optional<SpawnRequest> decode_request(std::string_view bytes);
std::string encode(const SpawnReply& reply);
std::optional<SpawnReply> decode_reply(std::string_view bytes);

}  // namespace jobflow::executor
