#include "frontend/emr/instance_shapes.h"

#include <fmt/format.h>

#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;
namespace {

using model::ClusterState;

std::string group_state(ClusterState s) {
  switch (s) {
    case ClusterState::kStarting: return "PROVISIONING";
    case ClusterState::kBootstrapping: return "BOOTSTRAPPING";
    case ClusterState::kRunning:
    case ClusterState::kWaiting: return "RUNNING";
    case ClusterState::kTerminating: return "TERMINATING";
    default: return "TERMINATED";
  }
}

std::string instance_state(ClusterState s) {
  switch (s) {
    case ClusterState::kStarting: return "PROVISIONING";
    case ClusterState::kBootstrapping: return "BOOTSTRAPPING";
    case ClusterState::kRunning:
    case ClusterState::kWaiting:
    case ClusterState::kTerminating: return "RUNNING";
    default: return "TERMINATED";
  }
}

json::object status(const model::Cluster& c, const std::string& state) {
  json::object reason;
  if (model::is_final(c.state)) {
    reason["Code"] = "CLUSTER_TERMINATED";
    reason["Message"] = "Cluster was terminated.";
  }
  json::object timeline{{"CreationDateTime", epoch_seconds(c.created_ms)}};
  if (c.ready_ms) timeline["ReadyDateTime"] = epoch_seconds(c.ready_ms);
  if (c.ended_ms) timeline["EndDateTime"] = epoch_seconds(c.ended_ms);
  return {{"State", state}, {"StateChangeReason", std::move(reason)}, {"Timeline", std::move(timeline)}};
}

std::int64_t running_count(const model::Cluster& c, std::int64_t requested) {
  return (c.state == ClusterState::kRunning || c.state == ClusterState::kWaiting ||
          c.state == ClusterState::kTerminating) ? requested : 0;
}

}  // namespace

json::object instance_group_shape(const model::Cluster& c, const model::InstanceGroup& g) {
  json::object out{{"Id", g.id}, {"Name", g.name}, {"Market", g.market}, {"InstanceGroupType", g.role},
                   {"InstanceType", g.instance_type}, {"RequestedInstanceCount", g.requested_count},
                   {"RunningInstanceCount", running_count(c, g.requested_count)},
                   {"Status", status(c, group_state(c.state))}, {"Configurations", g.configurations},
                   {"ConfigurationsVersion", 0}, {"LastSuccessfullyAppliedConfigurations", json::array()},
                   {"LastSuccessfullyAppliedConfigurationsVersion", 0}, {"EbsBlockDevices", json::array()},
                   {"ShrinkPolicy", json::object()}};
  if (!g.bid_price.empty()) out["BidPrice"] = g.bid_price;
  return out;
}

json::object instance_fleet_shape(const model::Cluster& c, const model::InstanceFleet& f) {
  json::array specs;
  for (const auto& cfg : f.instance_type_configs) {
    if (!cfg.is_object()) continue;
    json::object s;
    for (auto key : {"InstanceType", "WeightedCapacity", "BidPrice", "BidPriceAsPercentageOfOnDemandPrice",
                     "Configurations", "CustomAmiId", "Priority"})
      if (const auto* v = cfg.as_object().if_contains(key)) s[key] = *v;
    specs.push_back(std::move(s));
  }
  const bool up = running_count(c, 1) > 0;
  json::object out{{"Id", f.id}, {"Name", f.name}, {"Status", status(c, group_state(c.state))},
                   {"InstanceFleetType", f.type}, {"TargetOnDemandCapacity", f.target_on_demand},
                   {"TargetSpotCapacity", f.target_spot},
                   {"ProvisionedOnDemandCapacity", up ? f.target_on_demand : 0},
                   {"ProvisionedSpotCapacity", up ? f.target_spot : 0},
                   {"InstanceTypeSpecifications", std::move(specs)}};
  if (!f.launch_specifications.empty()) out["LaunchSpecifications"] = f.launch_specifications;
  if (!f.resize_specifications.empty()) out["ResizeSpecifications"] = f.resize_specifications;
  return out;
}

std::vector<json::value> instance_shapes(const model::Cluster& c) {
  std::vector<json::value> out;
  const std::string state = instance_state(c.state);
  std::size_t n = 0;
  auto add = [&](const std::string& role, const std::string& type, const std::string& market,
                 const char* owner_key, const std::string& owner) {
    const bool master = role == "MASTER" && n == 0;
    const std::string ec2_id = master ? c.master_instance_id : fmt::format("{}{:04x}", c.master_instance_id.substr(0, 15), n);
    json::object inst{{"Id", fmt::format("ci-{}{:03d}", c.id.substr(2), n)}, {"Ec2InstanceId", ec2_id},
                      {"PublicDnsName", "localhost"}, {"PublicIpAddress", "127.0.0.1"},
                      {"PrivateDnsName", "localhost"}, {"PrivateIpAddress", "127.0.0.1"},
                      {"Status", status(c, state)}, {owner_key, owner}, {"Market", market},
                      {"InstanceType", type}, {"EbsVolumes", json::array()}, {"_Role", role}};
    out.emplace_back(std::move(inst));
    ++n;
  };
  for (const auto& g : c.spec.instance_groups)
    for (std::int64_t i = 0; i < g.requested_count; ++i) add(g.role, g.instance_type, g.market, "InstanceGroupId", g.id);
  for (const auto& f : c.spec.instance_fleets) {
    std::string type;
    if (!f.instance_type_configs.empty() && f.instance_type_configs[0].is_object())
      if (const auto* t = f.instance_type_configs[0].as_object().if_contains("InstanceType"); t && t->is_string())
        type = std::string(t->as_string());
    for (std::int64_t i = 0; i < f.target_on_demand; ++i) add(f.type, type, "ON_DEMAND", "InstanceFleetId", f.id);
    for (std::int64_t i = 0; i < f.target_spot; ++i) add(f.type, type, "SPOT", "InstanceFleetId", f.id);
  }
  return out;
}

json::object job_flow_detail_shape(const model::Cluster& c, const std::vector<model::Step>& steps) {
  std::string state;
  switch (c.state) {
    case ClusterState::kTerminating: state = "SHUTTING_DOWN"; break;
    case ClusterState::kTerminated:
      state = c.reason_code == model::ClusterReasonCode::kAllStepsCompleted ? "COMPLETED" : "TERMINATED";
      break;
    case ClusterState::kTerminatedWithErrors: state = "FAILED"; break;
    default: state = std::string(model::kClusterStates.name(c.state));
  }
  json::object status{{"State", state}, {"CreationDateTime", epoch_seconds(c.created_ms)}};
  if (c.ready_ms) {
    status["StartDateTime"] = epoch_seconds(c.ready_ms);
    status["ReadyDateTime"] = epoch_seconds(c.ready_ms);
  }
  if (c.ended_ms) status["EndDateTime"] = epoch_seconds(c.ended_ms);
  if (!c.reason_message.empty()) status["LastStateChangeReason"] = c.reason_message;

  std::string master_type, slave_type;
  std::int64_t count = 0;
  json::array groups;
  for (const auto& g : c.spec.instance_groups) {
    if (g.role == "MASTER") master_type = g.instance_type;
    else if (slave_type.empty()) slave_type = g.instance_type;
    count += g.requested_count;
    json::object d{{"InstanceGroupId", g.id}, {"Name", g.name}, {"Market", g.market}, {"InstanceRole", g.role},
                   {"InstanceType", g.instance_type}, {"InstanceRequestCount", g.requested_count},
                   {"InstanceRunningCount", running_count(c, g.requested_count)},
                   {"State", group_state(c.state)}, {"CreationDateTime", epoch_seconds(c.created_ms)}};
    if (c.ready_ms) d["ReadyDateTime"] = epoch_seconds(c.ready_ms);
    if (c.ended_ms) d["EndDateTime"] = epoch_seconds(c.ended_ms);
    groups.push_back(std::move(d));
  }
  json::object instances{{"MasterInstanceType", master_type.empty() ? "m5.xlarge" : master_type},
                         {"SlaveInstanceType", slave_type.empty() ? (master_type.empty() ? "m5.xlarge" : master_type) : slave_type},
                         {"InstanceCount", count}, {"InstanceGroups", std::move(groups)},
                         {"MasterPublicDnsName", "localhost"}, {"MasterInstanceId", c.master_instance_id},
                         {"NormalizedInstanceHours", 0}, {"KeepJobFlowAliveWhenNoSteps", c.spec.keep_alive},
                         {"TerminationProtected", c.spec.termination_protected}};
  json::array step_details;
  for (const auto& st : steps) {
    json::object exec{{"State", model::kStepStates.name(st.state)}, {"CreationDateTime", epoch_seconds(st.created_ms)}};
    if (st.state == model::StepState::kCancelPending) exec["State"] = "RUNNING";
    if (st.started_ms) exec["StartDateTime"] = epoch_seconds(st.started_ms);
    if (st.ended_ms) exec["EndDateTime"] = epoch_seconds(st.ended_ms);
    if (!st.state_message.empty()) exec["LastStateChangeReason"] = st.state_message;
    step_details.push_back(json::object{{"StepConfig", step_config_shape(st.spec)}, {"ExecutionStatusDetail", std::move(exec)}});
  }
  json::array bootstrap;
  for (const auto& ba : c.spec.bootstrap_actions) {
    json::array args;
    for (const auto& a : ba.args) args.emplace_back(a);
    bootstrap.push_back(json::object{{"BootstrapActionConfig",
                                      json::object{{"Name", ba.name},
                                                   {"ScriptBootstrapAction", json::object{{"Path", ba.path}, {"Args", std::move(args)}}}}}});
  }
  json::object out{{"JobFlowId", c.id}, {"Name", c.spec.name}, {"ExecutionStatusDetail", std::move(status)},
                   {"Instances", std::move(instances)}, {"Steps", std::move(step_details)},
                   {"BootstrapActions", std::move(bootstrap)}, {"VisibleToAllUsers", c.spec.visible_to_all_users}};
  if (!c.spec.log_uri.empty()) out["LogUri"] = c.spec.log_uri;
  if (!c.spec.ami_version.empty()) out["AmiVersion"] = c.spec.ami_version;
  if (const auto* role = c.spec.echo.if_contains("ServiceRole")) out["ServiceRole"] = *role;
  return out;
}

std::expected<ListingRequest, WireError> read_listing_request(engine::EmrService& emr, InputReader& in) {
  auto id = in.string("ClusterId", true);
  auto marker = in.string("Marker");
  if (!in.ok()) return std::unexpected(*in.error());
  auto cluster = emr.describe_cluster(*id);
  if (!cluster) return std::unexpected(to_wire(cluster.error()));
  return ListingRequest{std::move(*cluster), std::move(marker)};
}

WireError collection_mismatch(std::string_view operation, bool cluster_uses_fleets) {
  const char* uses = cluster_uses_fleets ? "instance fleets" : "instance groups";
  const char* other = cluster_uses_fleets ? "ListInstanceFleets" : "ListInstanceGroups";
  return {400, "InvalidRequestException",
          fmt::format("Instance groups and instance fleets are mutually exclusive. The EMR cluster specified in the "
                      "request uses {}. The {} operation does not support clusters that use {}. Use the {} "
                      "operation instead.",
                      uses, operation, uses, other)};
}

AwsResult paginate(json::array items, std::string_view key, const std::optional<std::string>& marker) {
  std::size_t start = 0;
  if (marker && !marker->empty()) {
    try {
      start = std::stoul(*marker);
    } catch (const std::exception&) {
      return std::unexpected(WireError{400, "InvalidRequestException", "Invalid Marker: " + *marker, {}});
    }
  }
  constexpr std::size_t kPage = 50;
  json::array page;
  for (std::size_t i = start; i < items.size() && i < start + kPage; ++i) page.push_back(std::move(items[i]));
  json::object out{{key, std::move(page)}};
  if (start + kPage < items.size()) out["Marker"] = std::to_string(start + kPage);
  return out;
}

}  // namespace jobflow::frontend::emr
