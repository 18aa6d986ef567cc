#include "engine/livy/livy_records.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace jobflow::engine::livy {
namespace json = boost::json;
namespace {

const json::value* field(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && !v->is_null() ? v : nullptr;
}
std::string str(const json::object& o, std::string_view k) {
  const auto* v = field(o, k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::optional<std::string> opt_str(const json::object& o, std::string_view k) {
  const auto* v = field(o, k);
  if (v && v->is_string()) return std::string(v->as_string());
  return std::nullopt;
}
std::optional<std::int64_t> opt_num(const json::object& o, std::string_view k) {
  const auto* v = field(o, k);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return std::nullopt;
}
std::int64_t num(const json::object& o, std::string_view k) { return opt_num(o, k).value_or(0); }
double real(const json::object& o, std::string_view k) {
  const auto* v = field(o, k);
  if (!v) return 0.0;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  return 0.0;
}
bool flag(const json::object& o, std::string_view k) {
  const auto* v = field(o, k);
  return v && v->is_bool() && v->as_bool();
}
const json::object& obj(const json::object& o, std::string_view k) {
  static const json::object empty;
  const auto* v = field(o, k);
  return v && v->is_object() ? v->as_object() : empty;
}
std::vector<std::string> strs(const json::object& o, std::string_view k) {
  std::vector<std::string> out;
  if (const auto* v = field(o, k); v && v->is_array())
    for (const auto& s : v->as_array())
      if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}

json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::array array_of(const std::vector<std::string>& v) { return json::array(v.begin(), v.end()); }

json::object encode_fields(const model::LivyJobFields& f) {
  json::array conf;
  for (const auto& [k, v] : f.conf) conf.push_back(json::array{json::value(k), json::value(v)});
  return {{"proxyUser", opt(f.proxy_user)},     {"jars", array_of(f.jars)},
          {"pyFiles", array_of(f.py_files)},    {"files", array_of(f.files)},
          {"archives", array_of(f.archives)},   {"driverMemory", opt(f.driver_memory)},
          {"driverCores", opt(f.driver_cores)}, {"executorMemory", opt(f.executor_memory)},
          {"executorCores", opt(f.executor_cores)}, {"numExecutors", opt(f.num_executors)},
          {"queue", opt(f.queue)},              {"name", opt(f.name)},
          {"conf", std::move(conf)}};
}
model::LivyJobFields decode_fields(const json::object& o) {
  model::LivyJobFields f;
  f.proxy_user = opt_str(o, "proxyUser");
  f.jars = strs(o, "jars");
  f.py_files = strs(o, "pyFiles");
  f.files = strs(o, "files");
  f.archives = strs(o, "archives");
  f.driver_memory = opt_str(o, "driverMemory");
  f.driver_cores = opt_num(o, "driverCores");
  f.executor_memory = opt_str(o, "executorMemory");
  f.executor_cores = opt_num(o, "executorCores");
  f.num_executors = opt_num(o, "numExecutors");
  f.queue = opt_str(o, "queue");
  f.name = opt_str(o, "name");
  if (const auto* conf = field(o, "conf"); conf && conf->is_array())
    for (const auto& pair : conf->as_array())
      if (pair.is_array() && pair.as_array().size() == 2 && pair.as_array()[0].is_string() &&
          pair.as_array()[1].is_string())
        f.conf.emplace_back(pair.as_array()[0].as_string(), pair.as_array()[1].as_string());
  return f;
}

json::object encode_handle(const model::JobHandle& h) {
  return {{"executor", h.executor}, {"job_id", h.job_id}, {"run_dir", h.run_dir},
          {"log_dir", h.log_dir}, {"external_id", h.external_id}};
}
model::JobHandle decode_handle(const json::object& o) {
  return {str(o, "executor"), str(o, "job_id"), str(o, "run_dir"), str(o, "log_dir"), str(o, "external_id")};
}

json::value encode_exit(const std::optional<model::JobExit>& e) {
  if (!e) return nullptr;
  return json::object{{"kind", static_cast<int>(e->kind)}, {"code", e->code}, {"signal", e->signal},
                      {"message", e->message}, {"started_ms", e->started_ms}, {"ended_ms", e->ended_ms}};
}
std::optional<model::JobExit> decode_exit(const json::object& o, std::string_view k) {
  const auto* v = field(o, k);
  if (!v || !v->is_object()) return std::nullopt;
  const auto& e = v->as_object();
  model::JobExit exit;
  exit.kind = static_cast<model::JobExit::Kind>(num(e, "kind"));
  exit.code = static_cast<int>(num(e, "code"));
  exit.signal = static_cast<int>(num(e, "signal"));
  exit.message = str(e, "message");
  exit.started_ms = num(e, "started_ms");
  exit.ended_ms = num(e, "ended_ms");
  return exit;
}

Result<json::object> parse_body(const store::Record& record) {
  boost::system::error_code ec;
  auto v = json::parse(record.body, ec);
  if (ec || !v.is_object())
    return fail(Error::internal(fmt::format("corrupt {} record {}: {}", record.kind, record.id,
                                            ec ? ec.message() : "not an object")));
  return std::move(v.as_object());
}

template <class E, std::size_t N>
E parse_enum(const EnumTable<E, N>& table, const std::string& text, E fallback) {
  return table.parse(text).value_or(fallback);
}

}  // namespace

std::string statement_record_id(std::int64_t session_id, std::int64_t statement_id) {
  return fmt::format("{}/{}", session_id, statement_id);
}

store::Record to_record(const model::LivyBatch& b) {
  json::object body{{"file", b.request.file},
                    {"className", opt(b.request.class_name)},
                    {"args", array_of(b.request.args)},
                    {"fields", encode_fields(b.request.fields)},
                    {"appId", opt(b.app_id)},
                    {"owner", opt(b.owner)},
                    {"handle", encode_handle(b.handle)},
                    {"ended_ms", b.ended_ms},
                    {"kill_requested", b.kill_requested},
                    {"exit", encode_exit(b.exit)}};
  store::Record r;
  r.kind = std::string(kBatchKind);
  r.id = std::to_string(b.id);
  r.seq = b.id + 1;
  r.state = std::string(model::kLivyStates.name(b.state));
  r.created_ms = b.created_ms;
  r.open = !model::is_final(b.state);
  r.body = json::serialize(body);
  return r;
}

Result<model::LivyBatch> batch_from_record(const store::Record& record) {
  auto body = parse_body(record);
  if (!body) return fail(body.error());
  const auto& o = *body;
  model::LivyBatch b;
  b.id = record.seq - 1;
  b.request.file = str(o, "file");
  b.request.class_name = opt_str(o, "className");
  b.request.args = strs(o, "args");
  b.request.fields = decode_fields(obj(o, "fields"));
  b.state = parse_enum(model::kLivyStates, record.state, model::LivyState::kDead);
  b.app_id = opt_str(o, "appId");
  b.owner = opt_str(o, "owner");
  b.handle = decode_handle(obj(o, "handle"));
  b.created_ms = record.created_ms;
  b.ended_ms = num(o, "ended_ms");
  b.kill_requested = flag(o, "kill_requested");
  b.exit = decode_exit(o, "exit");
  return b;
}

store::Record to_record(const model::LivySession& s) {
  json::object body{{"kind", model::kLivyKinds.name(s.request.kind)},
                    {"fields", encode_fields(s.request.fields)},
                    {"heartbeatTimeoutInSecond", s.request.heartbeat_timeout_s},
                    {"ttl", opt(s.request.ttl)},
                    {"idleTimeout", opt(s.request.idle_timeout)},
                    {"appId", opt(s.app_id)},
                    {"owner", opt(s.owner)},
                    {"handle", encode_handle(s.handle)},
                    {"repl_token", s.repl_token},
                    {"last_activity_ms", s.last_activity_ms},
                    {"ended_ms", s.ended_ms},
                    {"end_reason", s.end_reason},
                    {"next_statement_id", s.next_statement_id}};
  store::Record r;
  r.kind = std::string(kSessionKind);
  r.id = std::to_string(s.id);
  r.seq = s.id + 1;
  r.state = std::string(model::kLivyStates.name(s.state));
  r.created_ms = s.created_ms;
  r.open = !model::is_final(s.state);
  r.body = json::serialize(body);
  return r;
}

Result<model::LivySession> session_from_record(const store::Record& record) {
  auto body = parse_body(record);
  if (!body) return fail(body.error());
  const auto& o = *body;
  model::LivySession s;
  s.id = record.seq - 1;
  s.request.kind = parse_enum(model::kLivyKinds, str(o, "kind"), model::LivyKind::kShared);
  s.request.fields = decode_fields(obj(o, "fields"));
  s.request.heartbeat_timeout_s = num(o, "heartbeatTimeoutInSecond");
  s.request.ttl = opt_str(o, "ttl");
  s.request.idle_timeout = opt_str(o, "idleTimeout");
  s.state = parse_enum(model::kLivyStates, record.state, model::LivyState::kDead);
  s.app_id = opt_str(o, "appId");
  s.owner = opt_str(o, "owner");
  s.handle = decode_handle(obj(o, "handle"));
  s.repl_token = str(o, "repl_token");
  s.created_ms = record.created_ms;
  s.last_activity_ms = num(o, "last_activity_ms");
  s.ended_ms = num(o, "ended_ms");
  s.end_reason = str(o, "end_reason");
  s.next_statement_id = num(o, "next_statement_id");
  return s;
}

store::Record to_record(std::int64_t session_id, const model::LivyStatement& st) {
  json::object body{{"code", st.code},
                    {"kind", model::kLivyKinds.name(st.kind)},
                    {"output", st.output_json},
                    {"progress", st.progress},
                    {"started", st.started_ms},
                    {"completed", st.completed_ms}};
  store::Record r;
  r.kind = std::string(kStatementKind);
  r.id = statement_record_id(session_id, st.id);
  r.parent = std::to_string(session_id);
  r.seq = st.id + 1;
  r.state = std::string(model::kLivyStatementStates.name(st.state));
  r.created_ms = 0;
  r.open = !model::is_final(st.state);
  r.body = json::serialize(body);
  return r;
}

Result<model::LivyStatement> statement_from_record(const store::Record& record) {
  auto body = parse_body(record);
  if (!body) return fail(body.error());
  const auto& o = *body;
  model::LivyStatement st;
  st.id = record.seq - 1;
  st.code = str(o, "code");
  st.kind = parse_enum(model::kLivyKinds, str(o, "kind"), model::LivyKind::kPyspark);
  st.state = parse_enum(model::kLivyStatementStates, record.state, model::LivyStatementState::kCancelled);
  st.output_json = str(o, "output");
  st.progress = real(o, "progress");
  st.started_ms = num(o, "started");
  st.completed_ms = num(o, "completed");
  return st;
}

}  // namespace jobflow::engine::livy
