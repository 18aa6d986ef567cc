#include "cli/track/open_states.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace jobflow::cli {
namespace {

struct Case {
  const char* what;
  std::vector<std::pair<const char*, const char*>> events;  // (type, state name)
  const char* summary;
};

const Case kCases[] = {
    {"nothing yet", {{"ExecutionStarted", ""}}, ""},
    {"one state", {{"TaskStateEntered", "Work"}}, "in Work"},
    {"a state that ended", {{"TaskStateEntered", "Work"}, {"TaskStateExited", "Work"}}, ""},
    {"the next state", {{"PassStateEntered", "A"}, {"PassStateExited", "A"}, {"WaitStateEntered", "B"}}, "in B"},
    {"parallel branches",
     {{"ParallelStateEntered", "Both"}, {"TaskStateEntered", "Left"}, {"TaskStateEntered", "Right"}},
     "in Right (+2 more)"},
    {"one branch done",
     {{"ParallelStateEntered", "Both"},
      {"TaskStateEntered", "Left"},
      {"TaskStateEntered", "Right"},
      {"TaskStateExited", "Right"}},
     "in Left (+1 more)"},
    {"map iterations of one name",
     {{"MapStateEntered", "Each"},
      {"TaskStateEntered", "Step"},
      {"TaskStateEntered", "Step"},
      {"TaskStateExited", "Step"}},
     "in Step (+1 more)"},
    {"an exit of a state never seen changes nothing", {{"TaskStateEntered", "A"}, {"TaskStateExited", "Z"}}, "in A"},
    {"events of no state are ignored",
     {{"TaskStateEntered", "A"}, {"TaskScheduled", "A"}, {"MapIterationStarted", "A"}},
     "in A"},
};

TEST(OpenStatesTest, SummaryAfterEvents) {
  for (const auto& c : kCases) {
    OpenStates open;
    for (const auto& [type, name] : c.events) open.record(type, name);
    EXPECT_EQ(open.summary(), c.summary) << c.what;
  }
}

}  // namespace
}  // namespace jobflow::cli
