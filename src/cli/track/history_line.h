#pragma once

#include <boost/json/object.hpp>

#include <string>

namespace jobflow::cli {

// One GetExecutionHistory event (its wire JSON) as a line for `jobflow logs EXECUTION`:
//   "2026-01-02T03:04:05.678Z  12  TaskStateEntered  Work"
//   "...  14  ExecutionFailed  error=States.TaskFailed  cause=..."
// Columns: timestamp (UTC), id, type, then the state name and/or error and cause from the
// event's *EventDetails (a long cause is shortened).
std::string history_event_line(const boost::json::object& event);

// An epoch-seconds timestamp (as AWS JSON carries it) as ISO 8601 UTC with milliseconds.
std::string format_epoch(double seconds);

// The event's state name, when it is a state event ("" otherwise).
std::string history_state_name(const boost::json::object& event);

// Whether the event ends the execution (ExecutionSucceeded/Failed/Aborted/TimedOut).
bool is_final_history_event(std::string_view type);

}  // namespace jobflow::cli
