#pragma once

#include <optional>
#include <string_view>

#include "base/enum_table.h"

namespace jobflow::model {

enum class ClusterState { kStarting, kBootstrapping, kRunning, kWaiting, kTerminating, kTerminated, kTerminatedWithErrors };

inline constexpr EnumTable<ClusterState, 7> kClusterStates{{{
    {ClusterState::kStarting, "STARTING"},
    {ClusterState::kBootstrapping, "BOOTSTRAPPING"},
    {ClusterState::kRunning, "RUNNING"},
    {ClusterState::kWaiting, "WAITING"},
    {ClusterState::kTerminating, "TERMINATING"},
    {ClusterState::kTerminated, "TERMINATED"},
    {ClusterState::kTerminatedWithErrors, "TERMINATED_WITH_ERRORS"},
}}};

inline bool is_final(ClusterState s) {
  return s == ClusterState::kTerminated || s == ClusterState::kTerminatedWithErrors;
}
// STARTING, BOOTSTRAPPING, RUNNING, WAITING: the states in which steps may be added.
inline bool accepts_steps(ClusterState s) {
  return s == ClusterState::kStarting || s == ClusterState::kBootstrapping ||
         s == ClusterState::kRunning || s == ClusterState::kWaiting;
}

enum class ClusterReasonCode {
  kInternalError, kValidationError, kInstanceFailure, kInstanceFleetTimeout,
  kBootstrapFailure, kUserRequest, kStepFailure, kAllStepsCompleted,
};

inline constexpr EnumTable<ClusterReasonCode, 8> kClusterReasonCodes{{{
    {ClusterReasonCode::kInternalError, "INTERNAL_ERROR"},
    {ClusterReasonCode::kValidationError, "VALIDATION_ERROR"},
    {ClusterReasonCode::kInstanceFailure, "INSTANCE_FAILURE"},
    {ClusterReasonCode::kInstanceFleetTimeout, "INSTANCE_FLEET_TIMEOUT"},
    {ClusterReasonCode::kBootstrapFailure, "BOOTSTRAP_FAILURE"},
    {ClusterReasonCode::kUserRequest, "USER_REQUEST"},
    {ClusterReasonCode::kStepFailure, "STEP_FAILURE"},
    {ClusterReasonCode::kAllStepsCompleted, "ALL_STEPS_COMPLETED"},
}}};

// EMR ends a cluster TERMINATED_WITH_ERRORS for failure codes, TERMINATED otherwise.
inline bool is_error(ClusterReasonCode c) {
  return c == ClusterReasonCode::kInternalError || c == ClusterReasonCode::kValidationError ||
         c == ClusterReasonCode::kInstanceFailure || c == ClusterReasonCode::kInstanceFleetTimeout ||
         c == ClusterReasonCode::kBootstrapFailure || c == ClusterReasonCode::kStepFailure;
}

}  // namespace jobflow::model
