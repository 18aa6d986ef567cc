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

boost::json::object to_wire(const HistoryEvent& e) {
  boost::json::object o{{"timestamp", static_cast<double>(e.timestamp_ms) / 1000.0},
                        {"type", e.type},
                        {"id", e.id},
                        {"previousEventId", e.previous_event_id}};
  if (auto key = details_key(e.type); !key.empty()) o[key] = e.details;
  return o;
}

HistoryEvent from_wire(const boost::json::object& e) {
  HistoryEvent event;
  if (auto* v = e.if_contains("id"); v && v->is_number()) event.id = v->to_number<std::int64_t>();
  if (auto* v = e.if_contains("previousEventId"); v && v->is_number()) {
    event.previous_event_id = v->to_number<std::int64_t>();
  }
  if (auto* v = e.if_contains("timestamp"); v && v->is_number()) {
    event.timestamp_ms = static_cast<std::int64_t>(v->to_number<double>() * 1000.0);
  }
  if (auto* v = e.if_contains("type"); v && v->is_string()) event.type = std::string(v->get_string());
  if (auto key = details_key(event.type); !key.empty()) {
    if (auto* d = e.if_contains(key); d && d->is_object()) event.details = d->as_object();
  }
  return event;
}

}  // namespace jobflow::asl
