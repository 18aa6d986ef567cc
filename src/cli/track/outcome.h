#pragma once

#include <string_view>

#include "cli/track/track_id.h"

namespace jobflow::cli {

// Exit codes of the tracking commands (`ps`, `wait`, `logs`), documented in src/cli/README.md
// and in `jobflow wait --help`.
namespace exit_code {
inline constexpr int kSucceeded = 0;     // wait: it ended well; ps/logs: printed
inline constexpr int kFailed = 1;        // wait: it ended badly; others: an error the server reported
inline constexpr int kUsage = 2;         // bad arguments or an ID no form matches
inline constexpr int kStillRunning = 3;  // wait --timeout expired while it still runs
inline constexpr int kNotFound = 4;      // no such cluster, step, batch, session or execution
inline constexpr int kUnreachable = 5;   // no answer from the server
}  // namespace exit_code

enum class Outcome { kRunning, kSucceeded, kFailed };

// Where a state (as the API spells it) leaves the thing:
//   cluster   TERMINATED → succeeded; TERMINATED_WITH_ERRORS → failed; else running
//   step      COMPLETED → succeeded; FAILED, CANCELLED, INTERRUPTED → failed; else running
//   batch / session   success → succeeded; dead, killed, error → failed; else running
//   execution SUCCEEDED → succeeded; FAILED, TIMED_OUT, ABORTED → failed; else running
//             (RUNNING, PENDING_REDRIVE)
Outcome outcome_of(TrackKind kind, std::string_view state);

int exit_code_for(Outcome outcome);

std::string_view outcome_name(Outcome outcome);  // "running", "succeeded", "failed"

}  // namespace jobflow::cli
