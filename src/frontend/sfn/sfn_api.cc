#include "frontend/sfn/sfn_api.h"

#include <memory>

#include "frontend/sfn/operations/operations.h"

namespace jobflow::frontend::sfn {

void register_operations(AwsJsonService& service, engine::sfn::StateMachineService& machines,
                         engine::sfn::ActivityService& activities, engine::sfn::ExecutionService& executions,
                         engine::sfn::TaskTokenRegistry& tokens, engine::sfn::ActivityIntegration& activity_tasks) {
  using Fn = AwsResult (*)(SfnServices&, const AwsRequestContext&, const boost::json::object&);
  static constexpr std::pair<const char*, Fn> kOperations[] = {
      {"CreateStateMachine", &create_state_machine},
      {"DescribeStateMachine", &describe_state_machine},
      {"UpdateStateMachine", &update_state_machine},
      {"DeleteStateMachine", &delete_state_machine},
      {"ListStateMachines", &list_state_machines},
      {"ValidateStateMachineDefinition", &validate_state_machine_definition},
      {"RedriveExecution", &redrive_execution},
      {"PublishStateMachineVersion", &publish_state_machine_version},
      {"ListStateMachineVersions", &list_state_machine_versions},
      {"DeleteStateMachineVersion", &delete_state_machine_version},
      {"CreateStateMachineAlias", &create_state_machine_alias},
      {"DescribeStateMachineAlias", &describe_state_machine_alias},
      {"UpdateStateMachineAlias", &update_state_machine_alias},
      {"DeleteStateMachineAlias", &delete_state_machine_alias},
      {"ListStateMachineAliases", &list_state_machine_aliases},
      {"TagResource", &tag_resource},
      {"UntagResource", &untag_resource},
      {"ListTagsForResource", &list_tags_for_resource},
      {"CreateActivity", &create_activity},
      {"DescribeActivity", &describe_activity},
      {"ListActivities", &list_activities},
      {"DeleteActivity", &delete_activity},
      {"StartExecution", &start_execution},
      {"DescribeExecution", &describe_execution},
      {"DescribeStateMachineForExecution", &describe_state_machine_for_execution},
      {"StopExecution", &stop_execution},
      {"ListExecutions", &list_executions},
      {"GetExecutionHistory", &get_execution_history},
      {"SendTaskSuccess", &send_task_success},
      {"SendTaskFailure", &send_task_failure},
      {"SendTaskHeartbeat", &send_task_heartbeat},
  };
  // Operations that answer later, without holding an io thread while they wait.
  using AsyncFn = void (*)(SfnServices&, const AwsRequestContext&, const boost::json::object&, AwsReply);
  static constexpr std::pair<const char*, AsyncFn> kAsyncOperations[] = {
      {"StartSyncExecution", &start_sync_execution},
      {"GetActivityTask", &get_activity_task},
      {"TestState", &test_state},
  };
  auto services = std::make_shared<SfnServices>(SfnServices{machines, activities, executions, tokens, activity_tasks});
  for (const auto& [name, fn] : kOperations)
    service.add(name, [services, fn](const AwsRequestContext& ctx, const boost::json::object& input) {
      return fn(*services, ctx, input);
    });
  for (const auto& [name, fn] : kAsyncOperations)
    service.add_async(name, [services, fn](const AwsRequestContext& ctx, const boost::json::object& input,
                                           AwsReply reply) { fn(*services, ctx, input, std::move(reply)); });
}

}  // namespace jobflow::frontend::sfn
