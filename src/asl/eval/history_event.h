#pragma once

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

namespace jobflow::asl {

// One Step Functions history event as GetExecutionHistory returns it, except for the envelope
// key of `details`, which the type decides ("passStateEnteredEventDetails" etc.; see
// details_key()). Inputs and outputs in `details` are JSON text, as on the wire.
struct HistoryEvent {
  std::int64_t id = 0;
  std::int64_t previous_event_id = 0;
  std::int64_t timestamp_ms = 0;
  std::string type;  // "PassStateEntered", "ExecutionSucceeded", ...
  boost::json::object details;
};

// The member of a wire history event that holds `details` ("stateEnteredEventDetails" for
// every *StateEntered, "executionSucceededEventDetails", ...); empty when the type has none.
std::string details_key(std::string_view type);

// The event as one element of GetExecutionHistory's `events`:
// {"timestamp": <epoch seconds>, "type", "id", "previousEventId", "<details_key>": {...}}; and back.
boost::json::object to_wire(const HistoryEvent& event);
HistoryEvent from_wire(const boost::json::object& event);

// Receives events as an execution produces them. The engine's sink commits them (Standard) or
// drops them (Express, benchmarks: the interpreter then skips building them).
class HistorySink {
 public:
  virtual ~HistorySink() = default;
  virtual void record(HistoryEvent event) = 0;
};

}  // namespace jobflow::asl
