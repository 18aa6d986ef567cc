#include "engine/emr/record_codec.h"

#include <boost/json.hpp>

namespace jobflow::engine {
namespace json = boost::json;
namespace {

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::string str(const json::object& o, std::string_view k) {
  if (auto* v = o.if_contains(k); v && v->is_string()) return std::string(v->as_string());
  return {};
}
std::int64_t num(const json::object& o, std::string_view k) {
  if (auto* v = o.if_contains(k)) {
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
    if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  }
  return 0;
}
bool flag(const json::object& o, std::string_view k) {
  if (auto* v = o.if_contains(k); v && v->is_bool()) return v->as_bool();
  return false;
}
json::object obj(const json::object& o, std::string_view k) {
  if (auto* v = o.if_contains(k); v && v->is_object()) return v->as_object();
  return {};
}
json::array arr(const json::object& o, std::string_view k) {
  if (auto* v = o.if_contains(k); v && v->is_array()) return v->as_array();
  return {};
}
std::vector<std::string> strs(const json::object& o, std::string_view k) {
  std::vector<std::string> out;
  for (const auto& v : arr(o, k))
    if (v.is_string()) out.emplace_back(v.as_string());
  return out;
}

json::object encode_job(const std::optional<model::JobHandle>& h) {
  if (!h) return {};
  return {{"executor", h->executor}, {"job_id", h->job_id}, {"run_dir", h->run_dir},
          {"log_dir", h->log_dir}, {"external_id", h->external_id}};
}
std::optional<model::JobHandle> decode_job(const json::object& o) {
  if (o.empty()) return std::nullopt;
  return model::JobHandle{str(o, "executor"), str(o, "job_id"), str(o, "run_dir"), str(o, "log_dir"),
                             str(o, "external_id")};
}

}  // namespace

store::Record to_record(const model::Cluster& c) {
  json::object spec;
  const auto& s = c.spec;
  spec["name"] = s.name;
  spec["log_uri"] = s.log_uri;
  spec["release_label"] = s.release_label;
  spec["ami_version"] = s.ami_version;
  spec["keep_alive"] = s.keep_alive;
  spec["termination_protected"] = s.termination_protected;
  spec["visible_to_all_users"] = s.visible_to_all_users;
  spec["step_concurrency_level"] = s.step_concurrency_level;
  if (s.idle_timeout_s) spec["idle_timeout_s"] = *s.idle_timeout_s;
  json::array tags;
  for (const auto& t : s.tags) tags.push_back(json::object{{"k", t.key}, {"v", t.value}});
  spec["tags"] = std::move(tags);
  json::array bas;
  for (const auto& b : s.bootstrap_actions)
    bas.push_back(json::object{{"name", b.name}, {"path", b.path}, {"args", strings(b.args)}});
  spec["bootstrap_actions"] = std::move(bas);
  spec["collection"] = s.collection == model::InstanceCollectionType::kInstanceFleet ? "fleet" : "group";
  json::array groups;
  for (const auto& g : s.instance_groups)
    groups.push_back(json::object{{"id", g.id}, {"name", g.name}, {"role", g.role}, {"market", g.market},
                                  {"instance_type", g.instance_type}, {"count", g.requested_count},
                                  {"bid_price", g.bid_price}, {"configurations", g.configurations},
                                  {"ebs", g.ebs_configuration}});
  spec["instance_groups"] = std::move(groups);
  json::array fleets;
  for (const auto& f : s.instance_fleets)
    fleets.push_back(json::object{{"id", f.id}, {"name", f.name}, {"type", f.type},
                                  {"on_demand", f.target_on_demand}, {"spot", f.target_spot},
                                  {"instance_type_configs", f.instance_type_configs},
                                  {"launch", f.launch_specifications}, {"resize", f.resize_specifications}});
  spec["instance_fleets"] = std::move(fleets);
  spec["configurations"] = s.configurations;
  spec["echo"] = s.echo;

  json::object body{
      {"id", c.id}, {"arn", c.arn}, {"region", c.region}, {"account", c.account}, {"spec", std::move(spec)},
      {"state", model::kClusterStates.name(c.state)}, {"reason_message", c.reason_message},
      {"created_ms", c.created_ms}, {"ready_ms", c.ready_ms}, {"ended_ms", c.ended_ms},
      {"bootstrap_next", c.bootstrap_next}, {"bootstrap_job", encode_job(c.bootstrap_job)},
      {"idle_since_ms", c.idle_since_ms}, {"log_root", c.log_root}, {"master_instance_id", c.master_instance_id}};
  if (c.reason_code) body["reason_code"] = model::kClusterReasonCodes.name(*c.reason_code);

  store::Record r;
  r.kind = kClusterKind;
  r.id = c.id;
  r.seq = c.seq;
  r.version = c.version;
  r.state = model::kClusterStates.name(c.state);
  r.created_ms = c.created_ms;
  r.open = !model::is_final(c.state);
  r.body = json::serialize(body);
  return r;
}

store::Record to_record(const model::Step& st) {
  json::array props;
  for (const auto& [k, v] : st.spec.hadoop_jar_step.properties) props.push_back(json::array{json::string(k), json::string(v)});
  json::object body{
      {"id", st.id}, {"cluster_id", st.cluster_id}, {"name", st.spec.name},
      {"action_on_failure", model::kActionsOnFailure.name(st.spec.action_on_failure)},
      {"jar", st.spec.hadoop_jar_step.jar}, {"main_class", st.spec.hadoop_jar_step.main_class},
      {"args", strings(st.spec.hadoop_jar_step.args)}, {"properties", std::move(props)},
      {"log_uri", st.spec.log_uri}, {"encryption_key_arn", st.spec.encryption_key_arn},
      {"execution_role_arn", st.execution_role_arn}, {"state", model::kStepStates.name(st.state)},
      {"state_message", st.state_message}, {"created_ms", st.created_ms}, {"started_ms", st.started_ms},
      {"ended_ms", st.ended_ms}, {"job", encode_job(st.job)}, {"log_dir", st.log_dir},
      {"cancel_kill", st.cancel_requested_kill}};
  if (st.failure)
    body["failure"] = json::object{{"reason", st.failure->reason}, {"message", st.failure->message},
                                   {"log_file", st.failure->log_file}};
  store::Record r;
  r.kind = kStepKind;
  r.id = st.id;
  r.parent = st.cluster_id;
  r.seq = st.seq;
  r.version = st.version;
  r.state = model::kStepStates.name(st.state);
  r.created_ms = st.created_ms;
  r.open = model::is_active(st.state);
  r.body = json::serialize(body);
  return r;
}

Result<model::Cluster> cluster_from_record(const store::Record& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  if (ec || !v.is_object()) return fail(Error::internal("corrupt cluster record " + r.id));
  const auto& o = v.as_object();
  model::Cluster c;
  c.id = str(o, "id");
  c.arn = str(o, "arn");
  c.region = str(o, "region");
  c.account = str(o, "account");
  c.seq = r.seq;
  c.version = r.version;
  const auto spec = obj(o, "spec");
  auto& s = c.spec;
  s.name = str(spec, "name");
  s.log_uri = str(spec, "log_uri");
  s.release_label = str(spec, "release_label");
  s.ami_version = str(spec, "ami_version");
  s.keep_alive = flag(spec, "keep_alive");
  s.termination_protected = flag(spec, "termination_protected");
  s.visible_to_all_users = flag(spec, "visible_to_all_users");
  s.step_concurrency_level = static_cast<int>(num(spec, "step_concurrency_level"));
  if (spec.contains("idle_timeout_s")) s.idle_timeout_s = num(spec, "idle_timeout_s");
  for (const auto& t : arr(spec, "tags"))
    if (t.is_object()) s.tags.push_back({str(t.as_object(), "k"), str(t.as_object(), "v")});
  for (const auto& b : arr(spec, "bootstrap_actions"))
    if (b.is_object())
      s.bootstrap_actions.push_back({str(b.as_object(), "name"), str(b.as_object(), "path"), strs(b.as_object(), "args")});
  s.collection = str(spec, "collection") == "fleet" ? model::InstanceCollectionType::kInstanceFleet
                                                    : model::InstanceCollectionType::kInstanceGroup;
  for (const auto& gv : arr(spec, "instance_groups")) {
    if (!gv.is_object()) continue;
    const auto& g = gv.as_object();
    s.instance_groups.push_back({str(g, "id"), str(g, "name"), str(g, "role"), str(g, "market"),
                                 str(g, "instance_type"), num(g, "count"), str(g, "bid_price"),
                                 arr(g, "configurations"), obj(g, "ebs")});
  }
  for (const auto& fv : arr(spec, "instance_fleets")) {
    if (!fv.is_object()) continue;
    const auto& f = fv.as_object();
    s.instance_fleets.push_back({str(f, "id"), str(f, "name"), str(f, "type"), num(f, "on_demand"),
                                 num(f, "spot"), arr(f, "instance_type_configs"), obj(f, "launch"),
                                 obj(f, "resize")});
  }
  s.configurations = arr(spec, "configurations");
  s.echo = obj(spec, "echo");
  auto state = model::kClusterStates.parse(str(o, "state"));
  if (!state) return fail(Error::internal("corrupt cluster state in " + r.id));
  c.state = *state;
  if (o.contains("reason_code")) c.reason_code = model::kClusterReasonCodes.parse(str(o, "reason_code"));
  c.reason_message = str(o, "reason_message");
  c.created_ms = num(o, "created_ms");
  c.ready_ms = num(o, "ready_ms");
  c.ended_ms = num(o, "ended_ms");
  c.bootstrap_next = static_cast<std::size_t>(num(o, "bootstrap_next"));
  c.bootstrap_job = decode_job(obj(o, "bootstrap_job"));
  c.idle_since_ms = num(o, "idle_since_ms");
  c.log_root = str(o, "log_root");
  c.master_instance_id = str(o, "master_instance_id");
  return c;
}

Result<model::Step> step_from_record(const store::Record& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  if (ec || !v.is_object()) return fail(Error::internal("corrupt step record " + r.id));
  const auto& o = v.as_object();
  model::Step st;
  st.id = str(o, "id");
  st.cluster_id = str(o, "cluster_id");
  st.seq = r.seq;
  st.version = r.version;
  st.spec.name = str(o, "name");
  st.spec.action_on_failure =
      model::kActionsOnFailure.parse(str(o, "action_on_failure")).value_or(model::ActionOnFailure::kContinue);
  st.spec.hadoop_jar_step.jar = str(o, "jar");
  st.spec.hadoop_jar_step.main_class = str(o, "main_class");
  st.spec.hadoop_jar_step.args = strs(o, "args");
  for (const auto& p : arr(o, "properties"))
    if (p.is_array() && p.as_array().size() == 2)
      st.spec.hadoop_jar_step.properties.emplace_back(std::string(p.as_array()[0].as_string()),
                                                      std::string(p.as_array()[1].as_string()));
  st.spec.log_uri = str(o, "log_uri");
  st.spec.encryption_key_arn = str(o, "encryption_key_arn");
  st.execution_role_arn = str(o, "execution_role_arn");
  auto state = model::kStepStates.parse(str(o, "state"));
  if (!state) return fail(Error::internal("corrupt step state in " + r.id));
  st.state = *state;
  st.state_message = str(o, "state_message");
  st.created_ms = num(o, "created_ms");
  st.started_ms = num(o, "started_ms");
  st.ended_ms = num(o, "ended_ms");
  if (auto f = obj(o, "failure"); !f.empty())
    st.failure = model::FailureDetails{str(f, "reason"), str(f, "message"), str(f, "log_file")};
  st.job = decode_job(obj(o, "job"));
  st.log_dir = str(o, "log_dir");
  st.cancel_requested_kill = flag(o, "cancel_kill");
  return st;
}

}  // namespace jobflow::engine
