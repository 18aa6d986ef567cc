#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "engine/livy/batch_service.h"
#include "engine/livy/session_service.h"
#include "frontend/livy/livy_api.h"
#include "frontend/livy/livy_errors.h"
#include "http/handler.h"
#include "http/request.h"

namespace jobflow::frontend::livy {

// What every operation gets: the services and the options.
struct LivyContext {
  engine::livy::BatchService& batches;
  engine::livy::SessionService& sessions;
  LivyApiOptions options;
};

using LivyOperation = void (*)(const LivyContext&, http::Request, http::Reply);

// One function per route (operations/<name>.cc).
void get_version(const LivyContext&, http::Request, http::Reply);
void list_batches(const LivyContext&, http::Request, http::Reply);
void create_batch(const LivyContext&, http::Request, http::Reply);
void get_batch(const LivyContext&, http::Request, http::Reply);
void get_batch_state(const LivyContext&, http::Request, http::Reply);
void get_batch_log(const LivyContext&, http::Request, http::Reply);
void delete_batch(const LivyContext&, http::Request, http::Reply);
void list_sessions(const LivyContext&, http::Request, http::Reply);
void create_session(const LivyContext&, http::Request, http::Reply);
void get_session(const LivyContext&, http::Request, http::Reply);
void get_session_state(const LivyContext&, http::Request, http::Reply);
void get_session_log(const LivyContext&, http::Request, http::Reply);
void delete_session(const LivyContext&, http::Request, http::Reply);
void connect_session(const LivyContext&, http::Request, http::Reply);
void create_statement(const LivyContext&, http::Request, http::Reply);
void list_statements(const LivyContext&, http::Request, http::Reply);
void get_statement(const LivyContext&, http::Request, http::Reply);
void cancel_statement(const LivyContext&, http::Request, http::Reply);
void complete_code(const LivyContext&, http::Request, http::Reply);
void unsupported_job_api(const LivyContext&, http::Request, http::Reply);

// Shared by the operations.
std::string path_id(const http::Request& request);  // the {id} segment
// An optional integer query parameter (from, size); Livy answers 500 for a non-integer, jobflow 400.
Result<std::optional<std::int64_t>> query_int(const http::Request& request, std::string_view name);
http::Response json_response(int status, std::string body);

// GET /batches and /sessions page as Scala's view(from, from + size): a negative `from` starts at
// 0, a negative size gives nothing, and `from` is echoed as sent (default from 0, size 100).
struct LivySlice {
  std::int64_t from = 0;   // as sent
  std::int64_t begin = 0;  // the first entry listed
  std::int64_t count = 0;  // how many at most
};
Result<LivySlice> list_slice(const http::Request& request);

}  // namespace jobflow::frontend::livy
