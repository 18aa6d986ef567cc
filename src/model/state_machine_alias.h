#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"

namespace jobflow::model {

struct AliasRoute {
  std::string version_arn;
  std::int64_t weight = 0;

  bool operator==(const AliasRoute&) const = default;
};

// A named pointer to one or two versions of a state machine, with weights summing to 100:
// arn …:stateMachine:<name>:<alias>.
struct StateMachineAlias {
  std::string arn;
  std::string state_machine_arn;
  std::string name;
  std::string description;
  std::vector<AliasRoute> routing;
  TimestampMs created_ms = 0;
  TimestampMs updated_ms = 0;
};

}  // namespace jobflow::model
