#include "cli/track/history_line.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace jobflow::cli {
namespace {

boost::json::object event(std::string_view text) { return boost::json::parse(text).as_object(); }

TEST(HistoryLineTest, StateEvents) {
  auto e = event(R"({"timestamp": 1767323045.678, "type": "WaitStateEntered", "id": 2, "previousEventId": 0,
                     "stateEnteredEventDetails": {"name": "Pause", "input": "{}"}})");
  EXPECT_EQ(history_event_line(e), "2026-01-02T03:04:05.678Z    2  WaitStateEntered  Pause");
  EXPECT_EQ(history_state_name(e), "Pause");
}

TEST(HistoryLineTest, FailuresShowErrorAndCause) {
  auto e = event(R"({"timestamp": 1767323045, "type": "ExecutionFailed", "id": 14,
                     "executionFailedEventDetails": {"error": "States.TaskFailed", "cause": "line1\nline2"}})");
  EXPECT_EQ(history_event_line(e), "2026-01-02T03:04:05.000Z   14  ExecutionFailed  error=States.TaskFailed  "
                                   "cause=line1 line2");
  EXPECT_EQ(history_state_name(e), "");
}

TEST(HistoryLineTest, LongCausesAreShortened) {
  std::string cause(300, 'x');
  boost::json::object e{{"timestamp", 0}, {"type", "TaskFailed"}, {"id", 5},
                        {"taskFailedEventDetails", {{"error", "E"}, {"cause", cause}}}};
  auto line = history_event_line(e);
  EXPECT_NE(line.find("... (300 bytes)"), std::string::npos) << line;
  EXPECT_TRUE(line.starts_with("1970-01-01T00:00:00.000Z    5  TaskFailed  error=E  cause=xxx")) << line;
}

TEST(HistoryLineTest, FinalEvents) {
  for (auto t : {"ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"})
    EXPECT_TRUE(is_final_history_event(t)) << t;
  EXPECT_FALSE(is_final_history_event("ExecutionStarted"));
  EXPECT_FALSE(is_final_history_event("TaskFailed"));
}

}  // namespace
}  // namespace jobflow::cli
