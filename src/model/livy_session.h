#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "model/job.h"
#include "model/livy_request.h"
#include "model/livy_state.h"

namespace jobflow::model {

// A Livy interactive session: one long-lived interpreter that runs statements in order.
struct LivySession {
  std::int64_t id = 0;  // from a durable sequence, never reused
  SessionRequest request;
  LivyState state = LivyState::kStarting;
  std::optional<std::string> app_id;
  std::optional<std::string> owner;
  JobHandle handle;                 // the interpreter process
  std::string repl_token;           // the interpreter only accepts a server that knows it
  TimestampMs created_ms = 0;
  TimestampMs last_activity_ms = 0;  // statements, GETs of the session: for idle and heartbeat expiry
  TimestampMs ended_ms = 0;
  std::string end_reason;           // why it ended, as written to its log
  std::int64_t next_statement_id = 0;

  const std::optional<std::string>& name() const { return request.fields.name; }
};

// One statement of a session. `output_json` is Livy's output object as JSON text, empty (null on
// the wire) until the statement has finished.
struct LivyStatement {
  std::int64_t id = 0;  // 0, 1, 2 ... per session
  std::string code;
  LivyKind kind = LivyKind::kPyspark;
  LivyStatementState state = LivyStatementState::kWaiting;
  std::string output_json;
  double progress = 0.0;
  TimestampMs started_ms = 0;    // 0 while unset, as Livy sends it
  TimestampMs completed_ms = 0;
};

}  // namespace jobflow::model
