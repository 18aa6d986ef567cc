#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "model/state_machine_config.h"

namespace jobflow::model {

// An immutable, published revision of a state machine: arn …:stateMachine:<name>:<number>.
struct StateMachineVersion {
  std::string arn;
  std::string state_machine_arn;
  std::string name;  // the state machine's name
  std::int64_t number = 0;
  std::string description;
  std::string revision_id;
  bool show_revision_id = false;  // the revision came from an update (see StateMachine::revision_id)
  StateMachineType type = StateMachineType::kStandard;
  std::string definition;
  std::string role_arn;
  LoggingConfiguration logging;
  TracingConfiguration tracing;
  EncryptionConfiguration encryption;
  TimestampMs created_ms = 0;
};

}  // namespace jobflow::model
