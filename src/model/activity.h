#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "model/state_machine_config.h"
#include "model/tag.h"

namespace jobflow::model {

// A Step Functions activity: a named task queue that external workers poll.
// arn:aws:states:<region>:<account>:activity:<name>
struct Activity {
  std::string arn;
  std::string name;
  std::string region;
  std::string account;
  EncryptionConfiguration encryption;
  std::vector<Tag> tags;
  TimestampMs created_ms = 0;
};

}  // namespace jobflow::model
