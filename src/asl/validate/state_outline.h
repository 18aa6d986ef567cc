#pragma once

#include <string>
#include <vector>

namespace jobflow::asl {

// A transition out of a state (Next, a Choice rule's Next, Default, a catcher's Next) and where
// it is written, for the scope's graph checks.
struct Transition {
  std::string target;
  std::string location;  // "/States/A/Next", "/States/C/Choices[0]/Next", "/States/C/Default"
};

// What the graph checks of a scope need to know about one state.
struct StateOutline {
  std::vector<Transition> transitions;
  bool terminal = false;  // End: true, Succeed or Fail
};

}  // namespace jobflow::asl
