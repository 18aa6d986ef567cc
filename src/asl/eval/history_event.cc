#include "asl/eval/history_event.h"

#include <string_view>

namespace jobflow::asl {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower_first(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

}  // namespace

std::string details_key(std::string_view type) {
  if (ends_with(type, "StateEntered")) return "stateEnteredEventDetails";
  if (ends_with(type, "StateExited")) return "stateExitedEventDetails";
  // Events that carry no details object on the wire.
  for (std::string_view bare : {"ParallelStateStarted", "ParallelStateSucceeded", "ParallelStateAborted",
                                "MapStateSucceeded", "MapStateAborted", "WaitStateAborted"}) {
    if (type == bare) return {};
  }
  if (type == "ParallelStateFailed" || type == "MapStateFailed") return {};
  return lower_first(type) + "EventDetails";
}

}  // namespace jobflow::asl
