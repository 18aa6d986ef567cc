#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/livy_state.h"

namespace jobflow::model {

// The fields Livy's batch and session requests share, as sent (absent = nullopt / empty).
struct LivyJobFields {
  std::optional<std::string> proxy_user;
  std::vector<std::string> jars;
  std::vector<std::string> py_files;
  std::vector<std::string> files;
  std::vector<std::string> archives;
  std::optional<std::string> driver_memory;
  std::optional<std::int64_t> driver_cores;
  std::optional<std::string> executor_memory;
  std::optional<std::int64_t> executor_cores;
  std::optional<std::int64_t> num_executors;
  std::optional<std::string> queue;
  std::optional<std::string> name;
  std::vector<std::pair<std::string, std::string>> conf;  // in request order
};

// POST /batches.
struct BatchRequest {
  std::string file;
  std::optional<std::string> class_name;
  std::vector<std::string> args;
  LivyJobFields fields;
};

// POST /sessions.
struct SessionRequest {
  LivyKind kind = LivyKind::kShared;
  LivyJobFields fields;
  std::int64_t heartbeat_timeout_s = 0;  // 0: no heartbeat expiry
  std::optional<std::string> ttl;            // e.g. "10m", as sent
  std::optional<std::string> idle_timeout;   // e.g. "10m", as sent
};

// POST /sessions/{id}/statements.
struct StatementRequest {
  std::string code;
  std::optional<LivyKind> kind;  // needed when the session's kind is shared
};

// POST /sessions/{id}/completion.
struct CompletionRequest {
  std::string code;
  LivyKind kind = LivyKind::kPyspark;
  std::int64_t cursor = 0;
};

}  // namespace jobflow::model
