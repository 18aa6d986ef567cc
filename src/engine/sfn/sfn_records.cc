#include "engine/sfn/sfn_records.h"

#include <boost/json.hpp>

namespace jobflow::engine::sfn {
namespace json = boost::json;
namespace {

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t num(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  return 0;
}

bool flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

template <class Table, class E>
E enum_or(const json::object& o, std::string_view key, const Table& table, E fallback) {
  return table.parse(str(o, key)).value_or(fallback);
}

json::value tags_json(const std::vector<model::Tag>& tags) {
  json::array a;
  for (const auto& t : tags) a.push_back(json::object{{"key", t.key}, {"value", t.value}});
  return a;
}

std::vector<model::Tag> tags_from(const json::object& o) {
  std::vector<model::Tag> out;
  if (const auto* a = o.if_contains("tags"); a && a->is_array())
    for (const auto& t : a->as_array())
      if (t.is_object()) out.push_back({str(t.as_object(), "key"), str(t.as_object(), "value")});
  return out;
}

json::value logging_json(const model::LoggingConfiguration& l) {
  json::array groups;
  for (const auto& g : l.log_group_arns) groups.push_back(json::string(g));
  return json::object{{"level", model::kLogLevels.name(l.level)},
                      {"include_execution_data", l.include_execution_data},
                      {"log_group_arns", std::move(groups)}};
}

model::LoggingConfiguration logging_from(const json::object& o) {
  model::LoggingConfiguration l;
  const auto* v = o.if_contains("logging");
  if (!v || !v->is_object()) return l;
  const auto& lo = v->as_object();
  l.level = enum_or(lo, "level", model::kLogLevels, model::LogLevel::kOff);
  l.include_execution_data = flag(lo, "include_execution_data");
  if (const auto* g = lo.if_contains("log_group_arns"); g && g->is_array())
    for (const auto& a : g->as_array())
      if (a.is_string()) l.log_group_arns.emplace_back(a.as_string());
  return l;
}

json::value encryption_json(const model::EncryptionConfiguration& e) {
  json::object o{{"type", model::kEncryptionTypes.name(e.type)}, {"kms_key_id", e.kms_key_id}};
  if (e.kms_data_key_reuse_period_seconds) o["reuse_period_s"] = *e.kms_data_key_reuse_period_seconds;
  return o;
}

model::EncryptionConfiguration encryption_from(const json::object& o) {
  model::EncryptionConfiguration e;
  const auto* v = o.if_contains("encryption");
  if (!v || !v->is_object()) return e;
  const auto& eo = v->as_object();
  e.type = enum_or(eo, "type", model::kEncryptionTypes, model::EncryptionType::kAwsOwnedKey);
  e.kms_key_id = str(eo, "kms_key_id");
  if (eo.contains("reuse_period_s")) e.kms_data_key_reuse_period_seconds = num(eo, "reuse_period_s");
  return e;
}

Result<json::object> parse_body(std::string_view body, std::string_view what) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return fail(Error::internal(std::string("corrupted ") + std::string(what) + " record"));
  return std::move(v.as_object());
}

}  // namespace

std::string scope_of(std::string_view region, std::string_view account) {
  return std::string(region) + ":" + std::string(account);
}

std::string encode(const model::StateMachine& m) {
  json::object o{{"arn", m.arn},
                 {"name", m.name},
                 {"region", m.region},
                 {"account", m.account},
                 {"type", model::kStateMachineTypes.name(m.type)},
                 {"definition", m.definition},
                 {"role_arn", m.role_arn},
                 {"logging", logging_json(m.logging)},
                 {"tracing", m.tracing.enabled},
                 {"encryption", encryption_json(m.encryption)},
                 {"tags", tags_json(m.tags)},
                 {"status", model::kStateMachineStatuses.name(m.status)},
                 {"revision_id", m.revision_id},
                 {"created_ms", m.created_ms},
                 {"updated_ms", m.updated_ms},
                 {"last_version", m.last_version},
                 {"created_with_publish", m.created_with_publish},
                 {"created_version_description", m.created_version_description}};
  return json::serialize(o);
}

Result<model::StateMachine> decode_state_machine(std::string_view body) {
  auto o = parse_body(body, "state machine");
  if (!o) return fail(o.error());
  model::StateMachine m;
  m.arn = str(*o, "arn");
  m.name = str(*o, "name");
  m.region = str(*o, "region");
  m.account = str(*o, "account");
  m.type = enum_or(*o, "type", model::kStateMachineTypes, model::StateMachineType::kStandard);
  m.definition = str(*o, "definition");
  m.role_arn = str(*o, "role_arn");
  m.logging = logging_from(*o);
  m.tracing.enabled = flag(*o, "tracing");
  m.encryption = encryption_from(*o);
  m.tags = tags_from(*o);
  m.status = enum_or(*o, "status", model::kStateMachineStatuses, model::StateMachineStatus::kActive);
  m.revision_id = str(*o, "revision_id");
  m.created_ms = num(*o, "created_ms");
  m.updated_ms = num(*o, "updated_ms");
  m.last_version = num(*o, "last_version");
  m.created_with_publish = flag(*o, "created_with_publish");
  m.created_version_description = str(*o, "created_version_description");
  return m;
}

std::string encode(const model::StateMachineVersion& v) {
  json::object o{{"arn", v.arn},
                 {"state_machine_arn", v.state_machine_arn},
                 {"name", v.name},
                 {"number", v.number},
                 {"description", v.description},
                 {"revision_id", v.revision_id},
                 {"show_revision_id", v.show_revision_id},
                 {"type", model::kStateMachineTypes.name(v.type)},
                 {"definition", v.definition},
                 {"role_arn", v.role_arn},
                 {"logging", logging_json(v.logging)},
                 {"tracing", v.tracing.enabled},
                 {"encryption", encryption_json(v.encryption)},
                 {"created_ms", v.created_ms}};
  return json::serialize(o);
}

Result<model::StateMachineVersion> decode_version(std::string_view body) {
  auto o = parse_body(body, "state machine version");
  if (!o) return fail(o.error());
  model::StateMachineVersion v;
  v.arn = str(*o, "arn");
  v.state_machine_arn = str(*o, "state_machine_arn");
  v.name = str(*o, "name");
  v.number = num(*o, "number");
  v.description = str(*o, "description");
  v.revision_id = str(*o, "revision_id");
  v.show_revision_id = flag(*o, "show_revision_id");
  v.type = enum_or(*o, "type", model::kStateMachineTypes, model::StateMachineType::kStandard);
  v.definition = str(*o, "definition");
  v.role_arn = str(*o, "role_arn");
  v.logging = logging_from(*o);
  v.tracing.enabled = flag(*o, "tracing");
  v.encryption = encryption_from(*o);
  v.created_ms = num(*o, "created_ms");
  return v;
}

std::string encode(const model::StateMachineAlias& a) {
  json::array routes;
  for (const auto& r : a.routing) routes.push_back(json::object{{"version_arn", r.version_arn}, {"weight", r.weight}});
  json::object o{{"arn", a.arn},
                 {"state_machine_arn", a.state_machine_arn},
                 {"name", a.name},
                 {"description", a.description},
                 {"routing", std::move(routes)},
                 {"created_ms", a.created_ms},
                 {"updated_ms", a.updated_ms}};
  return json::serialize(o);
}

Result<model::StateMachineAlias> decode_alias(std::string_view body) {
  auto o = parse_body(body, "state machine alias");
  if (!o) return fail(o.error());
  model::StateMachineAlias a;
  a.arn = str(*o, "arn");
  a.state_machine_arn = str(*o, "state_machine_arn");
  a.name = str(*o, "name");
  a.description = str(*o, "description");
  if (const auto* r = o->if_contains("routing"); r && r->is_array())
    for (const auto& e : r->as_array())
      if (e.is_object()) a.routing.push_back({str(e.as_object(), "version_arn"), num(e.as_object(), "weight")});
  a.created_ms = num(*o, "created_ms");
  a.updated_ms = num(*o, "updated_ms");
  return a;
}

std::string encode(const model::Activity& a) {
  json::object o{{"arn", a.arn},
                 {"name", a.name},
                 {"region", a.region},
                 {"account", a.account},
                 {"encryption", encryption_json(a.encryption)},
                 {"tags", tags_json(a.tags)},
                 {"created_ms", a.created_ms}};
  return json::serialize(o);
}

Result<model::Activity> decode_activity(std::string_view body) {
  auto o = parse_body(body, "activity");
  if (!o) return fail(o.error());
  model::Activity a;
  a.arn = str(*o, "arn");
  a.name = str(*o, "name");
  a.region = str(*o, "region");
  a.account = str(*o, "account");
  a.encryption = encryption_from(*o);
  a.tags = tags_from(*o);
  a.created_ms = num(*o, "created_ms");
  return a;
}

}  // namespace jobflow::engine::sfn
