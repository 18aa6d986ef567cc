#pragma once

#include <string>
#include <string_view>

#include "asl/validate/state_machine_type.h"
#include "asl/validate/state_outline.h"
#include "asl/validate/validation_report.h"
#include "asl/value/json.h"

namespace jobflow::asl {

// One state (JSONPath mode): its Type, the fields its type allows and requires (sfn.md §3.2,
// §3.3), the types and ranges of its values, its paths, templates and choice rules (checked by
// their stages), Retry/Catch, Express restrictions on Task resources, and nested scopes
// (Parallel branches, Map ItemProcessor / Iterator). Returns its transitions for the graph
// checks of its scope.
class StateChecker {
 public:
  static StateOutline check(ValidationReport& report, const Json& state,
                            const std::string& location, StateMachineType type);
};

}  // namespace jobflow::asl
