#include "frontend/emr/emr_api.h"

#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {

void register_operations(AwsJsonService& service, engine::EmrService& emr) {
  using Fn = AwsResult (*)(engine::EmrService&, const AwsRequestContext&, const boost::json::object&);
  static constexpr std::pair<const char*, Fn> kOperations[] = {
      {"RunJobFlow", &run_job_flow},
      {"DescribeCluster", &describe_cluster},
      {"ListClusters", &list_clusters},
      {"TerminateJobFlows", &terminate_job_flows},
      {"SetTerminationProtection", &set_termination_protection},
      {"SetKeepJobFlowAliveWhenNoSteps", &set_keep_job_flow_alive_when_no_steps},
      {"SetVisibleToAllUsers", &set_visible_to_all_users},
      {"ModifyCluster", &modify_cluster},
      {"AddJobFlowSteps", &add_job_flow_steps},
      {"ListSteps", &list_steps},
      {"DescribeStep", &describe_step},
      {"CancelSteps", &cancel_steps},
      {"AddTags", &add_tags},
      {"RemoveTags", &remove_tags},
      {"ListBootstrapActions", &list_bootstrap_actions},
      {"ListInstanceGroups", &list_instance_groups},
      {"ModifyInstanceGroups", &modify_instance_groups},
      {"ModifyInstanceFleet", &modify_instance_fleet},
      {"ListInstanceFleets", &list_instance_fleets},
      {"ListInstances", &list_instances},
      {"PutAutoTerminationPolicy", &put_auto_termination_policy},
      {"GetAutoTerminationPolicy", &get_auto_termination_policy},
      {"RemoveAutoTerminationPolicy", &remove_auto_termination_policy},
      {"DescribeJobFlows", &describe_job_flows},
  };
  for (const auto& [name, fn] : kOperations)
    service.add(name, [&emr, fn](const AwsRequestContext& ctx, const boost::json::object& input) { return fn(emr, ctx, input); });
}

}  // namespace jobflow::frontend::emr
