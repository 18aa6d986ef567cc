#include "frontend/sfn/sfn_shapes.h"

#include <algorithm>
#include <string>

namespace jobflow::frontend::sfn {
namespace json = boost::json;

json::value epoch_seconds(TimestampMs ms) {
  if (ms % 1000 == 0) return json::value(ms / 1000);
  return json::value(static_cast<double>(ms) / 1000.0);
}

json::object logging_shape(const model::LoggingConfiguration& l) {
  json::object out{{"level", model::kLogLevels.name(l.level)}, {"includeExecutionData", l.include_execution_data}};
  if (!l.log_group_arns.empty()) {
    json::array destinations;
    for (const auto& arn : l.log_group_arns)
      destinations.push_back(json::object{{"cloudWatchLogsLogGroup", json::object{{"logGroupArn", arn}}}});
    out["destinations"] = std::move(destinations);
  }
  return out;
}

json::object encryption_shape(const model::EncryptionConfiguration& e) {
  json::object out{{"type", model::kEncryptionTypes.name(e.type)}};
  if (!e.kms_key_id.empty()) out["kmsKeyId"] = e.kms_key_id;
  if (e.kms_data_key_reuse_period_seconds) out["kmsDataKeyReusePeriodSeconds"] = *e.kms_data_key_reuse_period_seconds;
  return out;
}

json::object describe_state_machine_shape(const model::StateMachine& m) {
  json::object out{{"stateMachineArn", m.arn},
                   {"name", m.name},
                   {"status", model::kStateMachineStatuses.name(m.status)},
                   {"definition", m.definition},
                   {"roleArn", m.role_arn},
                   {"type", model::kStateMachineTypes.name(m.type)},
                   {"creationDate", epoch_seconds(m.created_ms)},
                   {"loggingConfiguration", logging_shape(m.logging)},
                   {"tracingConfiguration", json::object{{"enabled", m.tracing.enabled}}},
                   {"encryptionConfiguration", encryption_shape(m.encryption)}};
  if (m.updated_ms != 0) out["revisionId"] = m.revision_id;
  return out;
}

json::object describe_version_shape(const model::StateMachineVersion& v) {
  json::object out{{"stateMachineArn", v.arn},
                   {"name", v.name},
                   {"status", "ACTIVE"},
                   {"definition", v.definition},
                   {"roleArn", v.role_arn},
                   {"type", model::kStateMachineTypes.name(v.type)},
                   {"creationDate", epoch_seconds(v.created_ms)},
                   {"loggingConfiguration", logging_shape(v.logging)},
                   {"tracingConfiguration", json::object{{"enabled", v.tracing.enabled}}},
                   {"encryptionConfiguration", encryption_shape(v.encryption)}};
  if (!v.description.empty()) out["description"] = v.description;
  if (v.show_revision_id) out["revisionId"] = v.revision_id;
  return out;
}

json::array routing_shape(const std::vector<model::AliasRoute>& routing) {
  json::array out;
  for (const auto& r : routing) out.push_back(json::object{{"stateMachineVersionArn", r.version_arn}, {"weight", r.weight}});
  return out;
}

json::object describe_alias_shape(const model::StateMachineAlias& a) {
  json::object out{{"stateMachineAliasArn", a.arn},
                   {"name", a.name},
                   {"routingConfiguration", routing_shape(a.routing)},
                   {"creationDate", epoch_seconds(a.created_ms)},
                   {"updateDate", epoch_seconds(a.updated_ms)}};
  if (!a.description.empty()) out["description"] = a.description;
  return out;
}

json::object describe_activity_shape(const model::Activity& a) {
  return json::object{{"activityArn", a.arn},
                      {"name", a.name},
                      {"creationDate", epoch_seconds(a.created_ms)},
                      {"encryptionConfiguration", encryption_shape(a.encryption)}};
}

json::array tags_shape(const std::vector<model::Tag>& tags) {
  json::array out;
  for (const auto& t : tags) out.push_back(json::object{{"key", t.key}, {"value", t.value}});
  return out;
}

json::object diagnostic_shape(const asl::Diagnostic& d) {
  json::object out{{"severity", "ERROR"}, {"code", d.code}, {"message", d.message}};
  if (!d.location.empty()) out["location"] = d.location;
  return out;
}

namespace {

bool ended(const model::Execution& e) { return e.status != model::ExecutionStatus::kRunning && e.stop_ms != 0; }

// The members DescribeExecution and StartSyncExecution share.
json::object execution_core(const model::Execution& e, bool include_data) {
  json::object out{{"executionArn", e.arn},
                   {"stateMachineArn", e.state_machine_arn},
                   {"name", e.name},
                   {"status", model::kExecutionStatuses.name(e.status)},
                   {"startDate", epoch_seconds(e.start_ms)}};
  if (ended(e)) out["stopDate"] = epoch_seconds(e.stop_ms);
  if (include_data) out["input"] = e.input;
  out["inputDetails"] = json::object{{"included", include_data}};
  if (e.status == model::ExecutionStatus::kSucceeded && e.output) {
    if (include_data) out["output"] = *e.output;
    out["outputDetails"] = json::object{{"included", include_data}};
  }
  if (e.error) out["error"] = *e.error;
  if (e.cause) out["cause"] = *e.cause;
  if (!e.trace_header.empty()) out["traceHeader"] = e.trace_header;
  return out;
}

}  // namespace

json::object describe_execution_shape(const model::Execution& e, bool include_data) {
  json::object out = execution_core(e, include_data);
  if (e.version_arn) out["stateMachineVersionArn"] = *e.version_arn;
  if (e.alias_arn) out["stateMachineAliasArn"] = *e.alias_arn;
  out["redriveCount"] = e.redrive_count;
  if (e.redrive_ms != 0) out["redriveDate"] = static_cast<double>(e.redrive_ms) / 1000.0;
  // AWS: failed, aborted and timed-out Standard executions are redrivable (within 14 days); running,
  // succeeded and pending ones are not, with a reason.
  switch (e.status) {
    case model::ExecutionStatus::kFailed:
    case model::ExecutionStatus::kAborted:
    case model::ExecutionStatus::kTimedOut:
      out["redriveStatus"] = kRedriveStatuses.name(RedriveStatus::kRedrivable);
      break;
    default:
      out["redriveStatus"] = kRedriveStatuses.name(RedriveStatus::kNotRedrivable);
      out["redriveStatusReason"] =
          "Execution is " + std::string(model::kExecutionStatuses.name(e.status)) + " and cannot be redriven";
  }
  return out;
}

json::object sync_execution_shape(const model::Execution& e, bool include_data) {
  json::object out = execution_core(e, include_data);
  // Express billing: 64 MB steps of memory, duration rounded up to the next 100 ms.
  const std::int64_t duration_ms = std::max<std::int64_t>(0, e.stop_ms - e.start_ms);
  const std::int64_t billed_ms = std::max<std::int64_t>(100, (duration_ms + 99) / 100 * 100);
  out["billingDetails"] =
      json::object{{"billedMemoryUsedInMB", 64}, {"billedDurationInMilliseconds", billed_ms}};
  return out;
}

json::object state_machine_for_execution_shape(const engine::sfn::StateMachineDescription& d) {
  if (d.version) {
    const auto& v = *d.version;
    json::object out{{"stateMachineArn", v.arn},
                     {"name", v.name},
                     {"definition", v.definition},
                     {"roleArn", v.role_arn},
                     {"updateDate", epoch_seconds(v.created_ms)},
                     {"loggingConfiguration", logging_shape(v.logging)},
                     {"tracingConfiguration", json::object{{"enabled", v.tracing.enabled}}},
                     {"encryptionConfiguration", encryption_shape(v.encryption)}};
    if (v.show_revision_id) out["revisionId"] = v.revision_id;
    return out;
  }
  const auto& m = d.machine;
  json::object out{{"stateMachineArn", m.arn},
                   {"name", m.name},
                   {"definition", m.definition},
                   {"roleArn", m.role_arn},
                   {"updateDate", epoch_seconds(m.updated_ms != 0 ? m.updated_ms : m.created_ms)},
                   {"loggingConfiguration", logging_shape(m.logging)},
                   {"tracingConfiguration", json::object{{"enabled", m.tracing.enabled}}},
                   {"encryptionConfiguration", encryption_shape(m.encryption)}};
  if (m.updated_ms != 0) out["revisionId"] = m.revision_id;
  return out;
}

void write_execution_list_item(JsonWriter& out, const model::Execution& e) {
  out.begin_object()
      .key("executionArn").string(e.arn)
      .key("stateMachineArn").string(e.state_machine_arn)
      .key("name").string(e.name)
      .key("status").string(model::kExecutionStatuses.name(e.status))
      .key("startDate").epoch_seconds(e.start_ms);
  if (ended(e)) out.key("stopDate").epoch_seconds(e.stop_ms);
  if (e.version_arn) out.key("stateMachineVersionArn").string(*e.version_arn);
  if (e.alias_arn) out.key("stateMachineAliasArn").string(*e.alias_arn);
  out.key("redriveCount").number(e.redrive_count);
  out.end_object();
}

}  // namespace jobflow::frontend::sfn
