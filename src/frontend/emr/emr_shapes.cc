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

json::object step_summary_shape(const model::Step& st) {
  const auto& hjs = st.spec.hadoop_jar_step;
  json::array args;
  for (const auto& a : hjs.args) args.emplace_back(a);
  json::object props;  // a list of {Key, Value} in requests, a map in responses
  for (const auto& [k, v] : hjs.properties) props[k] = v;
  json::object config{{"Jar", hjs.jar}, {"Properties", std::move(props)}, {"Args", std::move(args)}};
  if (!hjs.main_class.empty()) config["MainClass"] = hjs.main_class;

  json::object reason;
  if (!st.state_message.empty()) reason["Message"] = st.state_message;
  json::object timeline{{"CreationDateTime", epoch_seconds(st.created_ms)}};
  if (st.started_ms) timeline["StartDateTime"] = epoch_seconds(st.started_ms);
  if (st.ended_ms) timeline["EndDateTime"] = epoch_seconds(st.ended_ms);
  json::object status{{"State", model::kStepStates.name(st.state)}, {"StateChangeReason", std::move(reason)},
                      {"Timeline", std::move(timeline)}};
  if (st.failure)
    status["FailureDetails"] = json::object{
        {"Reason", st.failure->reason}, {"Message", st.failure->message}, {"LogFile", st.failure->log_file}};

  json::object out{{"Id", st.id}, {"Name", st.spec.name}, {"Config", std::move(config)},
                   {"ActionOnFailure", model::kActionsOnFailure.name(st.spec.action_on_failure)},
                   {"Status", std::move(status)}};
  if (!st.spec.log_uri.empty()) out["LogUri"] = st.spec.log_uri;
  if (!st.spec.encryption_key_arn.empty()) out["EncryptionKeyArn"] = st.spec.encryption_key_arn;
  return out;
}

json::object step_shape(const model::Step& st) {
  json::object out = step_summary_shape(st);
  if (!st.execution_role_arn.empty()) out["ExecutionRoleArn"] = st.execution_role_arn;
  return out;
}

}  // namespace jobflow::frontend::emr
