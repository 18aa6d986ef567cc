#include "frontend/emr/emr_shapes.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

json::value epoch_seconds(TimestampMs ms) {
  if (ms % 1000 == 0) return ms / 1000;
  return static_cast<double>(ms) / 1000.0;
}

json::object cluster_status_shape(const model::Cluster& c) {
  json::object reason;
  if (c.reason_code) reason["Code"] = model::kClusterReasonCodes.name(*c.reason_code);
  if (!c.reason_message.empty()) reason["Message"] = c.reason_message;
  json::object timeline{{"CreationDateTime", epoch_seconds(c.created_ms)}};
  if (c.ready_ms) timeline["ReadyDateTime"] = epoch_seconds(c.ready_ms);
  if (c.ended_ms) timeline["EndDateTime"] = epoch_seconds(c.ended_ms);
  return {{"State", model::kClusterStates.name(c.state)}, {"StateChangeReason", std::move(reason)},
          {"Timeline", std::move(timeline)}, {"ErrorDetails", json::array()}};
}

json::object cluster_summary_shape(const model::Cluster& c) {
  return {{"Id", c.id}, {"Name", c.spec.name}, {"Status", cluster_status_shape(c)},
          {"NormalizedInstanceHours", 0}, {"ClusterArn", c.arn}};
}

json::object cluster_shape(const model::Cluster& c) {
  const auto& s = c.spec;
  json::object out = s.echo;  // echoed request fields, already in wire names
  out["Id"] = c.id;
  out["Name"] = s.name;
  out["Status"] = cluster_status_shape(c);
  out["InstanceCollectionType"] =
      s.collection == model::InstanceCollectionType::kInstanceFleet ? "INSTANCE_FLEET" : "INSTANCE_GROUP";
  if (!s.log_uri.empty()) out["LogUri"] = s.log_uri;
  if (!s.release_label.empty()) out["ReleaseLabel"] = s.release_label;
  if (!s.ami_version.empty()) {
    out["RequestedAmiVersion"] = s.ami_version;
    out["RunningAmiVersion"] = s.ami_version;
  }
  out["AutoTerminate"] = !s.keep_alive;
  out["TerminationProtected"] = s.termination_protected;
  out["VisibleToAllUsers"] = s.visible_to_all_users;
  json::array tags;
  for (const auto& t : s.tags) tags.push_back(json::object{{"Key", t.key}, {"Value", t.value}});
  out["Tags"] = std::move(tags);
  out["NormalizedInstanceHours"] = 0;
  out["MasterPublicDnsName"] = "localhost";
  out["Configurations"] = s.configurations;
  out["ClusterArn"] = c.arn;
  out["StepConcurrencyLevel"] = s.step_concurrency_level;
  if (!out.contains("Applications")) out["Applications"] = json::array();
  return out;
}

json::object step_config_shape(const model::StepSpec& spec) {
  json::array args;
  for (const auto& a : spec.hadoop_jar_step.args) args.emplace_back(a);
  json::array props;
  for (const auto& [k, v] : spec.hadoop_jar_step.properties) props.push_back(json::object{{"Key", k}, {"Value", v}});
  json::object hjs{{"Jar", spec.hadoop_jar_step.jar}, {"Args", std::move(args)}, {"Properties", std::move(props)}};
  if (!spec.hadoop_jar_step.main_class.empty()) hjs["MainClass"] = spec.hadoop_jar_step.main_class;
  return {{"Name", spec.name}, {"ActionOnFailure", model::kActionsOnFailure.name(spec.action_on_failure)},
          {"HadoopJarStep", std::move(hjs)}};
}

void write_step(JsonWriter& out, const model::Step& st, bool with_execution_role) {
  const auto& hjs = st.spec.hadoop_jar_step;
  out.begin_object();
  out.key("Id").string(st.id);
  out.key("Name").string(st.spec.name);
  out.key("Config").begin_object();
  out.key("Jar").string(hjs.jar);
  out.key("Properties").begin_object();  // a list of {Key, Value} in requests, a map in responses
  for (const auto& [k, v] : hjs.properties) out.key(k).string(v);
  out.end_object();
  if (!hjs.main_class.empty()) out.key("MainClass").string(hjs.main_class);
  out.key("Args").begin_array();
  for (const auto& a : hjs.args) out.string(a);
  out.end_array();
  out.end_object();
  out.key("ActionOnFailure").string(model::kActionsOnFailure.name(st.spec.action_on_failure));
  out.key("Status").begin_object();
  out.key("State").string(model::kStepStates.name(st.state));
  out.key("StateChangeReason").begin_object();
  if (!st.state_message.empty()) out.key("Message").string(st.state_message);
  out.end_object();
  if (st.failure) {
    out.key("FailureDetails").begin_object();
    out.key("Reason").string(st.failure->reason);
    out.key("Message").string(st.failure->message);
    out.key("LogFile").string(st.failure->log_file);
    out.end_object();
  }
  out.key("Timeline").begin_object();
  out.key("CreationDateTime").epoch_seconds(st.created_ms);
  if (st.started_ms) out.key("StartDateTime").epoch_seconds(st.started_ms);
  if (st.ended_ms) out.key("EndDateTime").epoch_seconds(st.ended_ms);
  out.end_object();
  out.end_object();
  if (with_execution_role && !st.execution_role_arn.empty()) out.key("ExecutionRoleArn").string(st.execution_role_arn);
  if (!st.spec.log_uri.empty()) out.key("LogUri").string(st.spec.log_uri);
  if (!st.spec.encryption_key_arn.empty()) out.key("EncryptionKeyArn").string(st.spec.encryption_key_arn);
  out.end_object();
}

}  // namespace jobflow::frontend::emr
