#include "engine/functions/function_records.h"

#include <boost/json.hpp>
#include <fmt/format.h>

namespace jobflow::engine::functions {
namespace json = boost::json;
namespace {

std::string str(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::int64_t num(const json::object& o, std::string_view k, std::int64_t fallback) {
  const auto* v = o.if_contains(k);
  return v && v->is_int64() ? v->as_int64() : fallback;
}
json::array pairs(const std::vector<std::pair<std::string, std::string>>& v) {
  json::array a;
  for (const auto& [k, value] : v) a.push_back(json::array{json::value(k), json::value(value)});
  return a;
}
std::vector<std::pair<std::string, std::string>> read_pairs(const json::value& v) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!v.is_array()) return out;
  for (const auto& p : v.as_array())
    if (p.is_array() && p.as_array().size() == 2 && p.as_array()[0].is_string() && p.as_array()[1].is_string())
      out.emplace_back(p.as_array()[0].as_string(), p.as_array()[1].as_string());
  return out;
}
template <class E, std::size_t N>
E parse(const EnumTable<E, N>& table, const std::string& text, E fallback) {
  return table.parse(text).value_or(fallback);
}

}  // namespace

store::Record to_record(const model::FunctionConfig& f, std::int64_t seq, std::int64_t created_ms) {
  json::object body{{"arn", f.function_arn},
                    {"runtime", model::kRuntimes.name(f.runtime)},
                    {"role", f.role},
                    {"handler", f.handler},
                    {"code_size", f.code_size},
                    {"description", f.description},
                    {"timeout", f.timeout},
                    {"memory_size", f.memory_size},
                    {"last_modified", f.last_modified},
                    {"code_sha256", f.code_sha256},
                    {"state", model::kFunctionStates.name(f.state)},
                    {"state_reason", f.state_reason},
                    {"state_reason_code", f.state_reason_code},
                    {"last_update_status",
                     f.last_update_status ? json::value(model::kLastUpdateStatuses.name(*f.last_update_status))
                                          : json::value(nullptr)},
                    {"revision_id", f.revision_id},
                    {"ephemeral_storage", f.ephemeral_storage},
                    {"tracing_mode", model::kTracingModes.name(f.tracing_mode)},
                    {"log_format", model::kLogFormats.name(f.log_format)},
                    {"log_group", f.log_group},
                    {"tags", pairs(f.tags)}};
  if (f.environment) body["environment"] = pairs(*f.environment);
  store::Record r;
  r.kind = std::string(kFunctionKind);
  r.id = f.function_name;
  r.seq = seq;
  r.state = std::string(model::kFunctionStates.name(f.state));
  r.created_ms = created_ms;
  r.open = false;  // nothing to resume after a restart
  r.body = json::serialize(body);
  return r;
}

Result<model::FunctionConfig> function_from_record(const store::Record& record) {
  boost::system::error_code ec;
  auto v = json::parse(record.body, ec);
  if (ec || !v.is_object()) return fail(Error::internal(fmt::format("corrupt function record {}", record.id)));
  const auto& o = v.as_object();
  model::FunctionConfig f;
  f.function_name = record.id;
  f.function_arn = str(o, "arn");
  f.runtime = parse(model::kRuntimes, str(o, "runtime"), model::Runtime::kPython312);
  f.role = str(o, "role");
  f.handler = str(o, "handler");
  f.code_size = num(o, "code_size", 0);
  f.description = str(o, "description");
  f.timeout = num(o, "timeout", model::kDefaultTimeoutSeconds);
  f.memory_size = num(o, "memory_size", model::kDefaultMemorySizeMb);
  f.last_modified = str(o, "last_modified");
  f.code_sha256 = str(o, "code_sha256");
  f.state = parse(model::kFunctionStates, str(o, "state"), model::FunctionState::kActive);
  f.state_reason = str(o, "state_reason");
  f.state_reason_code = str(o, "state_reason_code");
  if (const auto s = str(o, "last_update_status"); !s.empty()) f.last_update_status = model::kLastUpdateStatuses.parse(s);
  f.revision_id = str(o, "revision_id");
  f.ephemeral_storage = num(o, "ephemeral_storage", model::kDefaultEphemeralStorageMb);
  f.tracing_mode = parse(model::kTracingModes, str(o, "tracing_mode"), model::TracingMode::kPassThrough);
  f.log_format = parse(model::kLogFormats, str(o, "log_format"), model::LogFormat::kText);
  f.log_group = str(o, "log_group");
  if (const auto* t = o.if_contains("tags")) f.tags = read_pairs(*t);
  if (const auto* e = o.if_contains("environment")) f.environment = read_pairs(*e);
  return f;
}

}  // namespace jobflow::engine::functions
