#include "cli/track/outcome.h"

#include <gtest/gtest.h>

#include "cli/track/api_error.h"

namespace jobflow::cli {
namespace {

struct Case {
  TrackKind kind;
  const char* state;
  int exit;
};

// The exit code `jobflow wait` gives for each state it can end in (3: still running).
const Case kCases[] = {
    {TrackKind::kCluster, "TERMINATED", 0},
    {TrackKind::kCluster, "TERMINATED_WITH_ERRORS", 1},
    {TrackKind::kCluster, "WAITING", 3},
    {TrackKind::kCluster, "TERMINATING", 3},
    {TrackKind::kStep, "COMPLETED", 0},
    {TrackKind::kStep, "FAILED", 1},
    {TrackKind::kStep, "CANCELLED", 1},
    {TrackKind::kStep, "INTERRUPTED", 1},
    {TrackKind::kStep, "PENDING", 3},
    {TrackKind::kStep, "CANCEL_PENDING", 3},
    {TrackKind::kStep, "RUNNING", 3},
    {TrackKind::kBatch, "success", 0},
    {TrackKind::kBatch, "dead", 1},
    {TrackKind::kBatch, "killed", 1},
    {TrackKind::kBatch, "error", 1},
    {TrackKind::kBatch, "starting", 3},
    {TrackKind::kBatch, "running", 3},
    {TrackKind::kSession, "idle", 3},
    {TrackKind::kSession, "dead", 1},
    {TrackKind::kExecution, "SUCCEEDED", 0},
    {TrackKind::kExecution, "FAILED", 1},
    {TrackKind::kExecution, "TIMED_OUT", 1},
    {TrackKind::kExecution, "ABORTED", 1},
    {TrackKind::kExecution, "RUNNING", 3},
    {TrackKind::kExecution, "PENDING_REDRIVE", 3},
};

TEST(OutcomeTest, ExitCodePerState) {
  for (const auto& c : kCases)
    EXPECT_EQ(exit_code_for(outcome_of(c.kind, c.state)), c.exit) << kind_name(c.kind) << " " << c.state;
}

TEST(OutcomeTest, StatesAreCaseSensitiveAsTheApisSpellThem) {
  EXPECT_EQ(outcome_of(TrackKind::kBatch, "SUCCESS"), Outcome::kRunning);
  EXPECT_EQ(outcome_of(TrackKind::kStep, "completed"), Outcome::kRunning);
}

TEST(OutcomeTest, ApiErrors) {
  EXPECT_EQ(exit_code_for(ApiError{ApiError::Kind::kUnreachable, ""}), 5);
  EXPECT_EQ(exit_code_for(ApiError{ApiError::Kind::kNotFound, ""}), 4);
  EXPECT_EQ(exit_code_for(ApiError{ApiError::Kind::kAmbiguous, ""}), 2);
  EXPECT_EQ(exit_code_for(ApiError{ApiError::Kind::kOther, ""}), 1);
  EXPECT_EQ(outcome_name(Outcome::kSucceeded), "succeeded");
  EXPECT_EQ(outcome_name(Outcome::kFailed), "failed");
  EXPECT_EQ(outcome_name(Outcome::kRunning), "running");
}

}  // namespace
}  // namespace jobflow::cli
