#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/enum_table.h"

namespace jobflow::model {

enum class ExecutionStatus { kRunning, kSucceeded, kFailed, kTimedOut, kAborted, kPendingRedrive };
inline constexpr EnumTable<ExecutionStatus, 6> kExecutionStatuses{{{
    {ExecutionStatus::kRunning, "RUNNING"},
    {ExecutionStatus::kSucceeded, "SUCCEEDED"},
    {ExecutionStatus::kFailed, "FAILED"},
    {ExecutionStatus::kTimedOut, "TIMED_OUT"},
    {ExecutionStatus::kAborted, "ABORTED"},
    {ExecutionStatus::kPendingRedrive, "PENDING_REDRIVE"},
}}};

// A Step Functions execution as DescribeExecution shows it. Input and output are JSON text.
struct Execution {
  std::string arn;  // arn:aws:states:<region>:<account>:execution:<machine>:<name>
                    // (Express: ...:express:<machine>:<name>:<id>)
  std::string state_machine_arn;
  std::string name;
  ExecutionStatus status = ExecutionStatus::kRunning;
  std::string input;
  std::optional<std::string> output;  // SUCCEEDED only
  std::optional<std::string> error;
  std::optional<std::string> cause;
  TimestampMs start_ms = 0;
  TimestampMs stop_ms = 0;  // 0 while running
  std::optional<std::string> version_arn;  // started on a version, or through an alias
  std::optional<std::string> alias_arn;
  std::string trace_header;
  std::int64_t redrive_count = 0;
  TimestampMs redrive_ms = 0;  // the last RedriveExecution; 0: never redriven
};

}  // namespace jobflow::model
