#pragma once

#include <boost/json/object.hpp>

#include "engine/sfn/activity_integration.h"
#include "engine/sfn/activity_service.h"
#include "engine/sfn/execution_service.h"
#include "engine/sfn/state_machine_service.h"
#include "engine/sfn/task_token_registry.h"
#include "frontend/aws_json/aws_json_service.h"

namespace jobflow::frontend::sfn {

struct SfnServices {
  engine::sfn::StateMachineService& machines;
  engine::sfn::ActivityService& activities;
  engine::sfn::ExecutionService& executions;
  engine::sfn::TaskTokenRegistry& tokens;
  engine::sfn::ActivityIntegration& activity_tasks;
};

// One function per Step Functions operation, each in its own file; sfn_api.cc holds the table.
#define JOBFLOW_SFN_OPERATION(fn) \
  AwsResult fn(SfnServices& sfn, const AwsRequestContext& ctx, const boost::json::object& input)

JOBFLOW_SFN_OPERATION(create_state_machine);
JOBFLOW_SFN_OPERATION(describe_state_machine);
JOBFLOW_SFN_OPERATION(update_state_machine);
JOBFLOW_SFN_OPERATION(delete_state_machine);
JOBFLOW_SFN_OPERATION(list_state_machines);
JOBFLOW_SFN_OPERATION(validate_state_machine_definition);
JOBFLOW_SFN_OPERATION(redrive_execution);
JOBFLOW_SFN_OPERATION(publish_state_machine_version);
JOBFLOW_SFN_OPERATION(list_state_machine_versions);
JOBFLOW_SFN_OPERATION(delete_state_machine_version);
JOBFLOW_SFN_OPERATION(create_state_machine_alias);
JOBFLOW_SFN_OPERATION(describe_state_machine_alias);
JOBFLOW_SFN_OPERATION(update_state_machine_alias);
JOBFLOW_SFN_OPERATION(delete_state_machine_alias);
JOBFLOW_SFN_OPERATION(list_state_machine_aliases);
JOBFLOW_SFN_OPERATION(tag_resource);
JOBFLOW_SFN_OPERATION(untag_resource);
JOBFLOW_SFN_OPERATION(list_tags_for_resource);
JOBFLOW_SFN_OPERATION(create_activity);
JOBFLOW_SFN_OPERATION(describe_activity);
JOBFLOW_SFN_OPERATION(list_activities);
JOBFLOW_SFN_OPERATION(delete_activity);
JOBFLOW_SFN_OPERATION(start_execution);
JOBFLOW_SFN_OPERATION(describe_execution);
JOBFLOW_SFN_OPERATION(describe_state_machine_for_execution);
JOBFLOW_SFN_OPERATION(stop_execution);
JOBFLOW_SFN_OPERATION(list_executions);
JOBFLOW_SFN_OPERATION(get_execution_history);
JOBFLOW_SFN_OPERATION(send_task_success);
JOBFLOW_SFN_OPERATION(send_task_failure);
JOBFLOW_SFN_OPERATION(send_task_heartbeat);

#undef JOBFLOW_SFN_OPERATION

// Operations that answer later through `reply` (AwsJsonService::add_async).
#define JOBFLOW_SFN_ASYNC_OPERATION(fn) \
  void fn(SfnServices& sfn, const AwsRequestContext& ctx, const boost::json::object& input, AwsReply reply)

JOBFLOW_SFN_ASYNC_OPERATION(start_sync_execution);
JOBFLOW_SFN_ASYNC_OPERATION(get_activity_task);
JOBFLOW_SFN_ASYNC_OPERATION(test_state);

#undef JOBFLOW_SFN_ASYNC_OPERATION

}  // namespace jobflow::frontend::sfn
