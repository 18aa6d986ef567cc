#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "asl/validate/state_machine_type.h"
#include "asl/validate/validation_report.h"

namespace jobflow::asl {

// One scope of states: the machine itself, a Parallel branch, or a Map's ItemProcessor /
// Iterator. Checks the scope's own fields, every state in it (recursing into nested scopes),
// then its transitions: each target exists ("Missing 'Next' target"), every state but StartAt
// has an incoming transition ("State \"X\" is not reachable."), and some state is terminal
// ("Workflow has no terminal state", which suppresses the reachability diagnostics).
class ScopeChecker {
 public:
  enum class Kind { kMachine, kBranch, kItemProcessor, kIterator };

  // `location`: "/" for the machine, else the scope object's pointer ("/States/P/Branches[0]").
  // `type`: the machine's type, or the child execution type of a distributed Map.
  static void check(ValidationReport& report, const boost::json::object& scope,
                    const std::string& location, Kind kind, StateMachineType type);
};

}  // namespace jobflow::asl
