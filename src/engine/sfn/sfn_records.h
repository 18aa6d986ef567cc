#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "model/activity.h"
#include "model/state_machine.h"
#include "model/state_machine_alias.h"
#include "model/state_machine_version.h"

namespace jobflow::engine::sfn {

// How the Step Functions registry lives in the store: one record per resource, id = its ARN,
// body = JSON in the engine's own format (fields added compatibly; a missing field is its default).
//   kind                        parent                    seq (from sequence of the same name)
//   sfn.state_machine           "<region>:<account>"      creation order
//   sfn.state_machine_version   state machine ARN         publication order
//   sfn.state_machine_alias     state machine ARN         creation order
//   sfn.activity                "<region>:<account>"      creation order
inline constexpr std::string_view kStateMachineKind = "sfn.state_machine";
inline constexpr std::string_view kVersionKind = "sfn.state_machine_version";
inline constexpr std::string_view kAliasKind = "sfn.state_machine_alias";
inline constexpr std::string_view kActivityKind = "sfn.activity";

std::string scope_of(std::string_view region, std::string_view account);

std::string encode(const model::StateMachine& machine);
std::string encode(const model::StateMachineVersion& version);
std::string encode(const model::StateMachineAlias& alias);
std::string encode(const model::Activity& activity);

Result<model::StateMachine> decode_state_machine(std::string_view body);
Result<model::StateMachineVersion> decode_version(std::string_view body);
Result<model::StateMachineAlias> decode_alias(std::string_view body);
Result<model::Activity> decode_activity(std::string_view body);

}  // namespace jobflow::engine::sfn
