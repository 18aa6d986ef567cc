#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/error.h"
#include "model/livy_session.h"

namespace jobflow::engine::livy {

// The messages between the server and a session's interpreter (repl/jobflow_repl.py), one JSON
// object per line; see repl/README.md for the protocol.

// What the interpreter knows about a statement (its code stays with the server).
struct ReplStatement {
  std::int64_t id = 0;
  model::LivyStatementState state = model::LivyStatementState::kWaiting;
  std::string output_json;  // empty: null
  double progress = 0.0;
  std::int64_t started_ms = 0;
  std::int64_t completed_ms = 0;
};

struct ReplHello {
  std::int64_t pid = 0;
  std::string python;
  bool spark = false;
  std::string spark_error;
  std::string app_id;  // the Spark application's id, when Spark runs in the interpreter
  std::vector<ReplStatement> statements;  // every statement it knows, oldest first
};

struct ReplCompletion {
  std::int64_t request = 0;
  std::vector<std::string> candidates;
};

using ReplEvent = std::variant<ReplHello, ReplStatement, ReplCompletion>;

std::string repl_hello_op(std::string_view token);
std::string repl_execute_op(std::int64_t id, std::string_view code, model::LivyKind kind);
std::string repl_cancel_op(std::int64_t id);
std::string repl_complete_op(std::int64_t request, std::string_view code, std::int64_t cursor, model::LivyKind kind);
std::string repl_shutdown_op();

// One line from the interpreter (without its '\n'); an error for anything malformed.
Result<ReplEvent> parse_repl_event(std::string_view line);

// The connection file the interpreter writes once it listens: {"port": P, "pid": PID}.
struct ReplEndpoint {
  int port = 0;
  std::int64_t pid = 0;
};
Result<ReplEndpoint> parse_repl_endpoint(std::string_view text);

}  // namespace jobflow::engine::livy
