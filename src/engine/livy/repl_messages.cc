#include "engine/livy/repl_messages.h"

#include <boost/json.hpp>

namespace jobflow::engine::livy {
namespace json = boost::json;
namespace {

std::string line(const json::object& o) {
  std::string s = json::serialize(o);
  s += '\n';
  return s;
}

Error bad(std::string_view what) {
  return Error::internal("malformed message from the interpreter: " + std::string(what));
}

std::int64_t integer(const json::value* v) {
  if (!v) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return 0;
}

Result<ReplStatement> statement(const json::value& v) {
  if (!v.is_object()) return fail(bad("statement is not an object"));
  const auto& o = v.as_object();
  ReplStatement st;
  const auto* id = o.if_contains("id");
  const auto* state = o.if_contains("state");
  if (!id || !id->is_number() || !state || !state->is_string()) return fail(bad("statement without id or state"));
  st.id = integer(id);
  auto parsed = model::kLivyStatementStates.parse(state->as_string());
  if (!parsed) return fail(bad("unknown statement state"));
  st.state = *parsed;
  if (const auto* out = o.if_contains("output"); out && !out->is_null()) st.output_json = json::serialize(*out);
  if (const auto* p = o.if_contains("progress"); p && p->is_number()) st.progress = p->to_number<double>();
  st.started_ms = integer(o.if_contains("started"));
  st.completed_ms = integer(o.if_contains("completed"));
  return st;
}

}  // namespace

std::string repl_hello_op(std::string_view token) { return line({{"op", "hello"}, {"token", token}}); }

std::string repl_execute_op(std::int64_t id, std::string_view code, model::LivyKind kind) {
  return line({{"op", "execute"}, {"id", id}, {"code", code}, {"kind", model::kLivyKinds.name(kind)}});
}

std::string repl_cancel_op(std::int64_t id) { return line({{"op", "cancel"}, {"id", id}}); }

std::string repl_complete_op(std::int64_t request, std::string_view code, std::int64_t cursor, model::LivyKind kind) {
  return line({{"op", "complete"}, {"request", request}, {"code", code}, {"cursor", cursor},
               {"kind", model::kLivyKinds.name(kind)}});
}

std::string repl_shutdown_op() { return line({{"op", "shutdown"}}); }

Result<ReplEvent> parse_repl_event(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return fail(bad("not a JSON object"));
  const auto& o = v.as_object();
  const auto* event = o.if_contains("event");
  if (!event || !event->is_string()) return fail(bad("no event"));
  const auto& name = event->as_string();
  if (name == "statement") {
    const auto* st = o.if_contains("statement");
    if (!st) return fail(bad("statement event without statement"));
    auto parsed = statement(*st);
    if (!parsed) return fail(parsed.error());
    return ReplEvent(std::move(*parsed));
  }
  if (name == "hello") {
    ReplHello hello;
    hello.pid = integer(o.if_contains("pid"));
    if (const auto* p = o.if_contains("python"); p && p->is_string()) hello.python = p->as_string();
    if (const auto* s = o.if_contains("spark"); s && s->is_bool()) hello.spark = s->as_bool();
    if (const auto* e = o.if_contains("spark_error"); e && e->is_string()) hello.spark_error = e->as_string();
    if (const auto* a = o.if_contains("app_id"); a && a->is_string()) hello.app_id = a->as_string();
    if (const auto* list = o.if_contains("statements"); list && list->is_array()) {
      for (const auto& item : list->as_array()) {
        auto parsed = statement(item);
        if (!parsed) return fail(parsed.error());
        hello.statements.push_back(std::move(*parsed));
      }
    }
    return ReplEvent(std::move(hello));
  }
  if (name == "completion") {
    ReplCompletion completion;
    completion.request = integer(o.if_contains("request"));
    if (const auto* list = o.if_contains("candidates"); list && list->is_array())
      for (const auto& c : list->as_array())
        if (c.is_string()) completion.candidates.emplace_back(c.as_string());
    return ReplEvent(std::move(completion));
  }
  return fail(bad("unknown event"));
}

Result<ReplEndpoint> parse_repl_endpoint(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return fail(bad("connection file is not a JSON object"));
  const auto& o = v.as_object();
  ReplEndpoint endpoint;
  endpoint.port = static_cast<int>(integer(o.if_contains("port")));
  endpoint.pid = integer(o.if_contains("pid"));
  if (endpoint.port <= 0 || endpoint.port > 65535) return fail(bad("connection file without a port"));
  return endpoint;
}

}  // namespace jobflow::engine::livy
