#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/enum_table.h"
#include "model/state_machine_config.h"
#include "model/tag.h"

namespace jobflow::model {

enum class StateMachineStatus { kActive, kDeleting };
inline constexpr EnumTable<StateMachineStatus, 2> kStateMachineStatuses{{{
    {StateMachineStatus::kActive, "ACTIVE"},
    {StateMachineStatus::kDeleting, "DELETING"},
}}};

// A Step Functions state machine: its current revision (definition, role, type, logging, tracing)
// plus what belongs to the machine itself (tags, version counter).
struct StateMachine {
  std::string arn;  // arn:aws:states:<region>:<account>:stateMachine:<name>
  std::string name;
  std::string region;
  std::string account;
  StateMachineType type = StateMachineType::kStandard;
  std::string definition;  // verbatim, as the client sent it
  std::string role_arn;
  LoggingConfiguration logging;
  TracingConfiguration tracing;
  EncryptionConfiguration encryption;
  std::vector<Tag> tags;
  StateMachineStatus status = StateMachineStatus::kActive;
  // Every revision has an id; DescribeStateMachine shows it only once the machine was updated
  // (updated_ms != 0), as AWS does.
  std::string revision_id;
  TimestampMs created_ms = 0;
  TimestampMs updated_ms = 0;
  std::int64_t last_version = 0;  // version numbers are never reused
  // How CreateStateMachine was called, for its idempotency check.
  bool created_with_publish = false;
  std::string created_version_description;
};

}  // namespace jobflow::model
