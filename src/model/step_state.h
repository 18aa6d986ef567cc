#pragma once

#include "base/enum_table.h"

namespace jobflow::model {

enum class StepState { kPending, kCancelPending, kRunning, kCompleted, kCancelled, kFailed, kInterrupted };

inline constexpr EnumTable<StepState, 7> kStepStates{{{
    {StepState::kPending, "PENDING"},
    {StepState::kCancelPending, "CANCEL_PENDING"},
    {StepState::kRunning, "RUNNING"},
    {StepState::kCompleted, "COMPLETED"},
    {StepState::kCancelled, "CANCELLED"},
    {StepState::kFailed, "FAILED"},
    {StepState::kInterrupted, "INTERRUPTED"},
}}};

// PENDING, RUNNING and CANCEL_PENDING count against EMR's 256 active steps.
inline bool is_active(StepState s) {
  return s == StepState::kPending || s == StepState::kRunning || s == StepState::kCancelPending;
}
inline bool is_final(StepState s) { return !is_active(s); }

enum class ActionOnFailure { kTerminateJobFlow, kTerminateCluster, kCancelAndWait, kContinue };

inline constexpr EnumTable<ActionOnFailure, 4> kActionsOnFailure{{{
    {ActionOnFailure::kTerminateJobFlow, "TERMINATE_JOB_FLOW"},
    {ActionOnFailure::kTerminateCluster, "TERMINATE_CLUSTER"},
    {ActionOnFailure::kCancelAndWait, "CANCEL_AND_WAIT"},
    {ActionOnFailure::kContinue, "CONTINUE"},
}}};

enum class StepCancellationOption { kSendInterrupt, kTerminateProcess };

inline constexpr EnumTable<StepCancellationOption, 2> kStepCancellationOptions{{{
    {StepCancellationOption::kSendInterrupt, "SEND_INTERRUPT"},
    {StepCancellationOption::kTerminateProcess, "TERMINATE_PROCESS"},
}}};

}  // namespace jobflow::model
