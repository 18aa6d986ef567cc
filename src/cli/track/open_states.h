#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jobflow::cli {

// Which states of an execution are running, from its history events as they arrive: a
// `…StateEntered` opens its state, the matching `…StateExited` closes it (Parallel branches and Map
// iterations open several at once, also several of the same name). For `jobflow run`'s live line.
class OpenStates {
 public:
  void record(std::string_view event_type, std::string_view state_name);
  // "in Work", "in Work (+2 more)", or "" when no state is open.
  std::string summary() const;

 private:
  std::vector<std::string> open_;  // in the order they were entered
};

}  // namespace jobflow::cli
