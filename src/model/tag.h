#pragma once

#include <string>

namespace jobflow::model {

// A resource tag (EMR clusters, Step Functions state machines and activities).
struct Tag {
  std::string key;
  std::string value;

  bool operator==(const Tag&) const = default;
};

}  // namespace jobflow::model
