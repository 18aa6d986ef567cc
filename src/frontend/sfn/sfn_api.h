#pragma once

#include "engine/sfn/activity_integration.h"
#include "engine/sfn/activity_service.h"
#include "engine/sfn/execution_service.h"
#include "engine/sfn/state_machine_service.h"
#include "engine/sfn/task_token_registry.h"
#include "frontend/aws_json/aws_json_service.h"

namespace jobflow::frontend::sfn {

// Registers the Step Functions operations (state machines, versions, aliases, activities, tags,
// validation, executions: start, sync start, describe, stop, list, history, and the task workers'
// side: GetActivityTask, SendTaskSuccess/Failure/Heartbeat) on an AwsJsonService for target
// prefix AWSStepFunctions, JSON 1.0. StartSyncExecution and GetActivityTask answer asynchronously.
void register_operations(AwsJsonService& service, engine::sfn::StateMachineService& machines,
                         engine::sfn::ActivityService& activities, engine::sfn::ExecutionService& executions,
                         engine::sfn::TaskTokenRegistry& tokens, engine::sfn::ActivityIntegration& activity_tasks);

}  // namespace jobflow::frontend::sfn
