#include "cli/track/open_states.h"

#include <fmt/format.h>

#include <algorithm>

namespace jobflow::cli {

void OpenStates::record(std::string_view event_type, std::string_view state_name) {
  if (state_name.empty()) return;
  if (event_type.ends_with("StateEntered")) {
    open_.emplace_back(state_name);
  } else if (event_type.ends_with("StateExited")) {
    // The latest entry of that name: the one a nested (Map, Parallel) exit belongs to.
    auto it = std::find(open_.rbegin(), open_.rend(), state_name);
    if (it != open_.rend()) open_.erase(std::next(it).base());
  }
}

std::string OpenStates::summary() const {
  if (open_.empty()) return {};
  if (open_.size() == 1) return fmt::format("in {}", open_.back());
  return fmt::format("in {} (+{} more)", open_.back(), open_.size() - 1);
}

}  // namespace jobflow::cli
