#pragma once

#include <expected>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asl/eval/execution.h"
#include "asl/value/diagnostic.h"

namespace jobflow::asl {

// TestState: one state run on its own, with the data at each step of its input/output
// processing. Transitions are not followed: the state's Next (or the Choice branch, or the
// catcher's Next) is reported as the next state. A Task runs only with a mock (jobflow's
// TestState does not call services); Wait states do not wait.
struct TestStateRequest {
  std::string definition;                // a state (JSON text), or a whole state machine with state_name
  std::optional<std::string> state_name;
  JsonPtr input;
  std::vector<std::pair<std::string, JsonPtr>> variables;
  JsonPtr mock_result;                   // a Task's result instead of calling its resource
  std::optional<Failure> mock_error;     // or the error it raises
  bool express = false;
  ExecutionInfo info;                    // for the context object
  Random* random = nullptr;
};

struct TestStateResult {
  enum class Status { kSucceeded, kFailed, kRetriable, kCaughtError } status = Status::kSucceeded;
  JsonPtr output;                        // SUCCEEDED and CAUGHT_ERROR
  std::optional<Failure> failure;        // FAILED, RETRIABLE, CAUGHT_ERROR
  std::string next_state;                // empty when the state ends the machine or failed
  Inspection inspection;
  boost::json::object variables;         // after the state: name -> JSON text
};

// Diagnostics: the definition is invalid (as ValidateStateMachineDefinition reports it), or it
// cannot be tested here (code "UNSUPPORTED": e.g. a Task without a mock).
std::expected<TestStateResult, std::vector<Diagnostic>> test_state(const TestStateRequest& request);

std::string_view test_state_status_name(TestStateResult::Status status);

}  // namespace jobflow::asl
