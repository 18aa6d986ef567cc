#include "frontend/livy/livy_shapes.h"

#include <cmath>
#include <optional>

#include "base/json_string.h"
#include "frontend/livy/java_text.h"

namespace jobflow::frontend::livy {
namespace {

// Appends one object's members in the order they are written; values are strings (escaped as
// Jackson does), integers, null, raw JSON or lists. JsonWriter has no null or raw value.
class ObjectText {
 public:
  ObjectText() { out_.push_back('{'); }

  ObjectText& string(std::string_view key, std::string_view value) {
    append_json_string(this->key(key), value);
    return *this;
  }
  ObjectText& string(std::string_view key, const std::string& value) { return string(key, std::string_view(value)); }
  ObjectText& string(std::string_view key, const std::optional<std::string>& value) {
    if (!value) return null(key);
    return string(key, std::string_view(*value));
  }
  ObjectText& number(std::string_view key, std::int64_t value) {
    this->key(key) += std::to_string(value);
    return *this;
  }
  ObjectText& null(std::string_view key) {
    this->key(key) += "null";
    return *this;
  }
  ObjectText& raw(std::string_view key, std::string_view json) {
    this->key(key) += json;
    return *this;
  }
  ObjectText& strings(std::string_view key, const std::vector<std::string>& values) {
    std::string& out = this->key(key);
    out += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, values[i]);
    }
    out += ']';
    return *this;
  }
  ObjectText& raws(std::string_view key, const std::vector<std::string>& items_json) {
    std::string& out = this->key(key);
    out += '[';
    for (std::size_t i = 0; i < items_json.size(); ++i) {
      if (i) out += ',';
      out += items_json[i];
    }
    out += ']';
    return *this;
  }
  std::string take() {
    out_ += '}';
    return std::move(out_);
  }

 private:
  std::string& key(std::string_view key) {
    if (out_.size() > 1) out_ += ',';
    append_json_string(out_, key);
    out_ += ':';
    return out_;
  }
  std::string out_;
};

// AppInfo without a cluster manager (local mode): Livy knows no URL.
std::string local_app_info() {
  return ObjectText().null("driverLogUrl").null("sparkUiUrl").null("executorLogUrls").take();
}

// Jackson writes a double with Double.toString; NaN and infinities quoted (QUOTE_NON_NUMERIC_NUMBERS).
std::string java_double_json(double d) {
  std::string text = java_double_to_string(d);
  if (std::isnan(d) || std::isinf(d)) return "\"" + text + "\"";
  return text;
}

}  // namespace

std::string batch_json(const model::LivyBatch& b, const std::vector<std::string>& log_tail) {
  return ObjectText()
      .number("id", b.id)
      .string("name", b.name())
      .string("owner", b.owner)
      .string("proxyUser", b.request.fields.proxy_user)  // jobflow shows it; Livy only with impersonation
      .string("state", model::kLivyStates.name(b.state))
      .string("appId", b.app_id)
      .raw("appInfo", local_app_info())
      .strings("log", log_tail)
      .take();
}

std::string session_json(const model::LivySession& s, const std::vector<std::string>& log_tail) {
  return session_json(s, s.state, log_tail);
}

std::string session_json(const model::LivySession& s, model::LivyState state, const std::vector<std::string>& log_tail) {
  const auto& r = s.request;
  const auto& f = r.fields;
  ObjectText conf;
  for (const auto& [k, v] : f.conf) conf.string(k, v);
  return ObjectText()
      .number("id", s.id)
      .string("name", s.name())
      .string("appId", s.app_id)
      .string("owner", s.owner)
      .string("proxyUser", f.proxy_user)
      .string("state", model::kLivyStates.name(state))
      .string("kind", model::kLivyKinds.name(r.kind))
      .raw("appInfo", local_app_info())
      .strings("log", log_tail)
      .string("ttl", r.ttl)
      .string("idleTimeout", r.idle_timeout)
      .string("driverMemory", f.driver_memory)
      .number("driverCores", f.driver_cores.value_or(0))
      .string("executorMemory", f.executor_memory)
      .number("executorCores", f.executor_cores.value_or(0))
      .raw("conf", conf.take())
      .strings("archives", f.archives)
      .strings("files", f.files)
      .number("heartbeatTimeoutInSecond", r.heartbeat_timeout_s)
      .strings("jars", f.jars)
      .number("numExecutors", f.num_executors.value_or(0))
      .strings("pyFiles", f.py_files)
      .string("queue", f.queue)
      .take();
}

std::string statement_json(const model::LivyStatement& st) {
  return ObjectText()
      .number("id", st.id)
      .string("code", st.code)
      .string("state", model::kLivyStatementStates.name(st.state))
      .raw("output", st.output_json.empty() ? std::string_view("null") : std::string_view(st.output_json))
      .raw("progress", java_double_json(st.progress))
      .number("started", st.started_ms)
      .number("completed", st.completed_ms)
      .take();
}

std::string state_json(std::int64_t id, model::LivyState state) {
  return ObjectText().number("id", id).string("state", model::kLivyStates.name(state)).take();
}
std::string batch_state_json(std::int64_t id, model::LivyState state) { return state_json(id, state); }
std::string session_state_json(std::int64_t id, model::LivyState state) { return state_json(id, state); }

std::string page_json(std::int64_t from, std::int64_t total, const std::vector<std::string>& items_json) {
  return ObjectText().number("from", from).number("total", total).raws("sessions", items_json).take();
}
std::string batches_page_json(std::int64_t from, std::int64_t total, const std::vector<std::string>& items_json) {
  return page_json(from, total, items_json);
}
std::string sessions_page_json(std::int64_t from, std::int64_t total, const std::vector<std::string>& items_json) {
  return page_json(from, total, items_json);
}

std::string statements_json(std::int64_t total_statements, const std::vector<std::string>& items_json) {
  return ObjectText().number("total_statements", total_statements).raws("statements", items_json).take();
}

std::string statements_json(std::int64_t total_statements, const std::vector<model::LivyStatement>& statements) {
  std::vector<std::string> items;
  items.reserve(statements.size());
  for (const auto& st : statements) items.push_back(statement_json(st));
  return statements_json(total_statements, items);
}

std::string log_json(std::int64_t id, std::int64_t from, std::int64_t total, const std::vector<std::string>& lines) {
  return ObjectText().number("id", id).number("from", from).number("total", total).strings("log", lines).take();
}

std::string completion_json(const std::vector<std::string>& candidates) {
  return ObjectText().strings("candidates", candidates).take();
}

std::string msg_json(std::string_view text) { return ObjectText().string("msg", text).take(); }

std::string string_json(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string version_json(std::string_view version, std::string_view user, std::string_view revision,
                         std::string_view branch, std::string_view date, std::string_view url) {
  return ObjectText()
      .string("url", url)
      .string("branch", branch)
      .string("revision", revision)
      .string("version", version)
      .string("date", date)
      .string("user", user)
      .take();
}

}  // namespace jobflow::frontend::livy
