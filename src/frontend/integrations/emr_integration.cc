#include "frontend/integrations/emr_integration.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "model/cluster_state.h"
#include "model/step_state.h"

namespace jobflow::frontend {
namespace {

constexpr std::string_view kPrefix = "arn:aws:states:::elasticmapreduce:";

using boost::json::object;

asl::Failure emr_failure(const WireError& error, const std::string& request_id) {
  // The Java SDK names the modelled exceptions; everything else is its service-wide exception.
  std::string name = error.type == "InvalidRequestException" || error.type == "InternalServerError" ||
                             error.type == "InternalServerException"
                         ? error.type
                         : "AmazonElasticMapReduceException";
  return asl::Failure{"EMR." + name,
                      fmt::format("{} (Service: AmazonElasticMapReduce; Status Code: {}; Error Code: {}; Request ID: "
                                  "{}; Proxy: null)",
                                  error.message, error.status, error.type, request_id)};
}

asl::JsonPtr to_json(const AwsBody& body) {
  auto parsed = asl::parse_json(body.serialize());
  return parsed ? parsed : asl::make_json(object());
}

std::string text_field(const asl::Json& value, std::string_view key) {
  if (!value.is_object()) return {};
  auto it = value.get_object().find(key);
  if (it == value.get_object().end() || !it->value().is_string()) return {};
  return std::string(it->value().get_string());
}

}  // namespace

EmrIntegration::EmrIntegration(const AwsJsonService& emr_api, engine::EmrService& emr) : emr_api_(emr_api), emr_(emr) {
  emr_.add_listener([this](const std::string& cluster_id) { on_cluster_changed(cluster_id); });
}

bool EmrIntegration::handles(std::string_view resource) const { return resource.starts_with(kPrefix); }

AwsResult EmrIntegration::call(const AwsRequestContext& context, const std::string& operation,
                               const boost::json::object& input) const {
  AwsRequestContext c = context;
  c.operation = operation;
  return emr_api_.invoke(operation, c, input);
}

void EmrIntegration::start(const engine::sfn::TaskContext& task_context, const asl::TaskRequest& task,
                           engine::sfn::TaskCallbacks callbacks) {
  std::string api = task.resource.substr(kPrefix.size());
  bool sync = api.ends_with(".sync");
  if (sync) api.resize(api.size() - 5);
  AwsRequestContext context{"", task_context.region, task_context.account,
                            fmt::format("{}-{}", task_context.execution_arn.substr(task_context.execution_arn.rfind(':') + 1), task.id)};
  const asl::Json& parameters = task.parameters ? *task.parameters : asl::Json();
  if (!parameters.is_object()) {
    return callbacks.failed(asl::Failure{"States.Runtime", "The parameters of an EMR task must be a JSON object."});
  }
  const object& p = parameters.get_object();
  std::string cluster_id = text_field(parameters, "ClusterId");

  // Re-attaching after a restart: the work was submitted; only the wait is left.
  if (sync && task.submitted) {
    if (api == "addStep") return wait(cluster_id, Waiter{Until::kStepEnds, text_field(*task.submitted, "StepId"), context, std::move(callbacks)});
    if (api == "createCluster") return wait(text_field(*task.submitted, "ClusterId"), Waiter{Until::kClusterUp, "", context, std::move(callbacks)});
    if (api == "terminateCluster") return wait(cluster_id, Waiter{Until::kClusterGone, "", context, std::move(callbacks)});
  }

  auto fail_with = [&](const WireError& e) { callbacks.failed(emr_failure(e, context.request_id)); };

  if (api == "createCluster") {
    object input = p;
    if (auto r = call(context, "RunJobFlow", input); !r) {
      return fail_with(r.error());
    } else {
      auto response = to_json(*r);
      std::string id = text_field(*response, "JobFlowId");
      auto output = asl::make_json(object{{"ClusterId", id}, {"ClusterArn", text_field(*response, "ClusterArn")}});
      if (!sync) return callbacks.succeeded(output);
      callbacks.submitted(output);
      return wait(id, Waiter{Until::kClusterUp, "", context, std::move(callbacks)});
    }
  }
  if (api == "addStep") {
    object input{{"JobFlowId", cluster_id}};
    boost::json::array steps;
    if (auto it = p.find("Step"); it != p.end()) steps.push_back(it->value());
    input["Steps"] = std::move(steps);
    if (auto it = p.find("ExecutionRoleArn"); it != p.end()) input["ExecutionRoleArn"] = it->value();
    auto r = call(context, "AddJobFlowSteps", input);
    if (!r) return fail_with(r.error());
    auto response = to_json(*r);
    std::string step_id;
    if (response->is_object()) {
      if (auto it = response->get_object().find("StepIds"); it != response->get_object().end() && it->value().is_array() &&
                                                            !it->value().get_array().empty()) {
        step_id = std::string(it->value().get_array()[0].as_string());
      }
    }
    auto output = asl::make_json(object{{"StepId", step_id}});
    if (!sync) return callbacks.succeeded(output);
    callbacks.submitted(output);
    return wait(cluster_id, Waiter{Until::kStepEnds, step_id, context, std::move(callbacks)});
  }
  if (api == "cancelStep" && !sync) {
    object input{{"ClusterId", cluster_id}, {"StepIds", boost::json::array{boost::json::value(text_field(parameters, "StepId"))}}};
    if (auto it = p.find("StepCancellationOption"); it != p.end()) input["StepCancellationOption"] = it->value();
    auto r = call(context, "CancelSteps", input);
    if (!r) return fail_with(r.error());
    auto response = to_json(*r);
    object output;
    if (response->is_object()) {
      if (auto it = response->get_object().find("CancelStepsInfoList"); it != response->get_object().end() &&
                                                                       it->value().is_array() && !it->value().get_array().empty()) {
        output["CancelStepsInfo"] = it->value().get_array()[0];
      }
    }
    return callbacks.succeeded(asl::make_json(std::move(output)));
  }
  if (api == "terminateCluster") {
    auto r = call(context, "TerminateJobFlows", object{{"JobFlowIds", boost::json::array{boost::json::value(cluster_id)}}});
    if (!r) return fail_with(r.error());
    if (!sync) return callbacks.succeeded(asl::make_json(object()));
    callbacks.submitted(asl::make_json(object()));
    return wait(cluster_id, Waiter{Until::kClusterGone, "", context, std::move(callbacks)});
  }
  if (api == "setClusterTerminationProtection" && !sync) {
    object input{{"JobFlowIds", boost::json::array{boost::json::value(cluster_id)}}};
    if (auto it = p.find("TerminationProtected"); it != p.end()) input["TerminationProtected"] = it->value();
    auto r = call(context, "SetTerminationProtection", input);
    if (!r) return fail_with(r.error());
    return callbacks.succeeded(asl::make_json(object()));
  }
  if ((api == "modifyInstanceGroupByName" || api == "modifyInstanceFleetByName") && !sync) {
    // The *ByName APIs resolve the group's or fleet's id from its name, then modify it.
    bool groups = api == "modifyInstanceGroupByName";
    std::string name = text_field(parameters, groups ? "InstanceGroupName" : "InstanceFleetName");
    auto listed = call(context, groups ? "ListInstanceGroups" : "ListInstanceFleets", object{{"ClusterId", cluster_id}});
    if (!listed) return fail_with(listed.error());
    auto list = to_json(*listed);
    std::string id;
    if (const auto* items = list->as_object().if_contains(groups ? "InstanceGroups" : "InstanceFleets");
        items != nullptr && items->is_array()) {
      for (const auto& item : items->as_array()) {
        if (text_field(item, "Name") == name) id = text_field(item, "Id");
      }
    }
    if (id.empty()) {
      return callbacks.failed(asl::Failure{
          "States.TaskFailed", fmt::format("The cluster {} has no instance {} named '{}'.", cluster_id,
                                           groups ? "group" : "fleet", name)});
    }
    const auto* change = p.if_contains(groups ? "InstanceGroup" : "InstanceFleet");
    object modified = change != nullptr && change->is_object() ? change->as_object() : object();
    modified[groups ? "InstanceGroupId" : "InstanceFleetId"] = id;
    auto r = groups ? call(context, "ModifyInstanceGroups",
                           object{{"ClusterId", cluster_id}, {"InstanceGroups", boost::json::array{modified}}})
                    : call(context, "ModifyInstanceFleet", object{{"ClusterId", cluster_id}, {"InstanceFleet", modified}});
    if (!r) return fail_with(r.error());
    return callbacks.succeeded(asl::make_json(object()));
  }
  callbacks.failed(asl::Failure{"States.Runtime",
                                fmt::format("jobflow does not support the resource '{}' yet.", task.resource)});
}

void EmrIntegration::wait(const std::string& cluster_id, Waiter waiter) {
  // Registered first, then checked: a change committed in between is seen by one or the other,
  // and settle() is idempotent per waiter because whoever removes it calls back.
  {
    std::lock_guard lock(mutex_);
    waiters_[cluster_id].push_back(waiter);
  }
  on_cluster_changed(cluster_id);
}

void EmrIntegration::on_cluster_changed(const std::string& cluster_id) {
  std::vector<Waiter> pending;
  {
    std::lock_guard lock(mutex_);
    auto it = waiters_.find(cluster_id);
    if (it == waiters_.end()) return;
    pending = std::move(it->second);
    waiters_.erase(it);
  }
  std::vector<Waiter> keep;
  for (auto& w : pending) {
    if (!settle(cluster_id, w)) keep.push_back(std::move(w));
  }
  if (keep.empty()) return;
  std::lock_guard lock(mutex_);
  auto& slot = waiters_[cluster_id];
  for (auto& w : keep) slot.push_back(std::move(w));
}

bool EmrIntegration::settle(const std::string& cluster_id, Waiter& w) const {
  auto cluster = emr_.describe_cluster(cluster_id);
  if (!cluster) {
    w.callbacks.failed(asl::Failure{"EMR.InvalidRequestException", cluster.error().message});
    return true;
  }
  bool gone = model::is_final(cluster->state);
  auto describe_cluster = [&] {
    auto r = call(w.context, "DescribeCluster", object{{"ClusterId", cluster_id}});
    return r ? r->serialize() : std::string("{}");
  };
  switch (w.until) {
    case Until::kClusterUp:
      if (cluster->state == model::ClusterState::kWaiting || cluster->state == model::ClusterState::kRunning) {
        w.callbacks.succeeded(asl::make_json(object{{"ClusterId", cluster_id}, {"ClusterArn", cluster->arn}}));
        return true;
      }
      if (gone || cluster->state == model::ClusterState::kTerminating) {
        w.callbacks.failed(asl::Failure{"States.TaskFailed", describe_cluster()});
        return true;
      }
      return false;
    case Until::kClusterGone:
      if (gone) {
        w.callbacks.succeeded(asl::make_json(object()));
        return true;
      }
      return false;
    case Until::kStepEnds: {
      auto step = emr_.describe_step(cluster_id, w.step_id);
      if (!step) {
        w.callbacks.failed(asl::Failure{"EMR.InvalidRequestException", step.error().message});
        return true;
      }
      if (!model::is_final(step->state)) return false;
      auto described = call(w.context, "DescribeStep", object{{"ClusterId", cluster_id}, {"StepId", w.step_id}});
      std::string text = described ? described->serialize() : std::string("{}");
      if (step->state == model::StepState::kCompleted) {
        w.callbacks.succeeded(asl::parse_json(text) ? asl::parse_json(text) : asl::make_json(object()));
      } else {
        w.callbacks.failed(asl::Failure{"States.TaskFailed", text});
      }
      return true;
    }
  }
  return false;
}

}  // namespace jobflow::frontend
