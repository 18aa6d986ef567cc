#pragma once

#include "engine/sfn/activity_service.h"
#include "engine/sfn/execution_service.h"
#include "engine/sfn/state_machine_service.h"
#include "frontend/aws_json/aws_json_service.h"

namespace jobflow::frontend::sfn {

// Registers the Step Functions operations (state machines, versions, aliases, activities, tags,
// validation, and executions: start, sync start, describe, stop, list, history) on an
// AwsJsonService for target prefix AWSStepFunctions, JSON 1.0.
void register_operations(AwsJsonService& service, engine::sfn::StateMachineService& machines,
                         engine::sfn::ActivityService& activities, engine::sfn::ExecutionService& executions);

}  // namespace jobflow::frontend::sfn
