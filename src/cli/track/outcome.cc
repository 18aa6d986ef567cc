#include "cli/track/outcome.h"

#include <array>

namespace jobflow::cli {
namespace {

struct StateOutcome {
  std::string_view state;
  Outcome outcome;
};

// Final states per kind; every other state is running.
constexpr std::array kClusterStates{StateOutcome{"TERMINATED", Outcome::kSucceeded},
                                    StateOutcome{"TERMINATED_WITH_ERRORS", Outcome::kFailed}};
constexpr std::array kStepStates{StateOutcome{"COMPLETED", Outcome::kSucceeded},
                                 StateOutcome{"FAILED", Outcome::kFailed},
                                 StateOutcome{"CANCELLED", Outcome::kFailed},
                                 StateOutcome{"INTERRUPTED", Outcome::kFailed}};
constexpr std::array kLivyStates{StateOutcome{"success", Outcome::kSucceeded},
                                 StateOutcome{"dead", Outcome::kFailed},
                                 StateOutcome{"killed", Outcome::kFailed},
                                 StateOutcome{"error", Outcome::kFailed}};
constexpr std::array kExecutionStates{StateOutcome{"SUCCEEDED", Outcome::kSucceeded},
                                      StateOutcome{"FAILED", Outcome::kFailed},
                                      StateOutcome{"TIMED_OUT", Outcome::kFailed},
                                      StateOutcome{"ABORTED", Outcome::kFailed}};

template <std::size_t N>
Outcome lookup(const std::array<StateOutcome, N>& table, std::string_view state) {
  for (const auto& entry : table)
    if (entry.state == state) return entry.outcome;
  return Outcome::kRunning;
}

}  // namespace

Outcome outcome_of(TrackKind kind, std::string_view state) {
  switch (kind) {
    case TrackKind::kCluster: return lookup(kClusterStates, state);
    case TrackKind::kStep: return lookup(kStepStates, state);
    case TrackKind::kBatch:
    case TrackKind::kSession: return lookup(kLivyStates, state);
    case TrackKind::kExecution:
    case TrackKind::kExecutionName: return lookup(kExecutionStates, state);
  }
  return Outcome::kRunning;
}

int exit_code_for(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSucceeded: return exit_code::kSucceeded;
    case Outcome::kFailed: return exit_code::kFailed;
    case Outcome::kRunning: return exit_code::kStillRunning;
  }
  return exit_code::kFailed;
}

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSucceeded: return "succeeded";
    case Outcome::kFailed: return "failed";
    case Outcome::kRunning: return "running";
  }
  return "running";
}

}  // namespace jobflow::cli
