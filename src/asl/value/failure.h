#pragma once

#include <expected>
#include <string>

namespace jobflow::asl {

// A runtime failure inside a state: what Retry/Catch see and what fails an execution. Never an
// API error. `error` is the ASL error name ("States.Runtime", "States.IntrinsicFailure", or a
// user's name); `cause` is the human text, already in AWS's wording.
struct Failure {
  std::string error;
  std::string cause;
  // SendTaskFailure without an error or a cause: a catcher's error output then shows null, as
  // AWS does ({"Error": null, "Cause": null}), not an empty string.
  bool null_error = false;
  bool null_cause = false;
  // States.QueryEvaluationError: the field whose evaluation failed ("Output/result", "Timestamp"),
  // for the EvaluationFailed event; empty when the failure is the state's, not a field's.
  std::string location;

  static Failure runtime(std::string cause) { return {"States.Runtime", std::move(cause)}; }
  static Failure intrinsic(std::string cause) {
    return {"States.IntrinsicFailure", std::move(cause)};
  }
};

template <class T>
using Outcome = std::expected<T, Failure>;

inline std::unexpected<Failure> raise(Failure failure) {
  return std::unexpected<Failure>(std::move(failure));
}

}  // namespace jobflow::asl
