#pragma once

#include "asl/validate/field_checks.h"
#include "asl/validate/state_outline.h"
#include "asl/validate/validation_report.h"

namespace jobflow::asl {

// A Task, Parallel or Map state's `Retry` and `Catch` (sfn.md §5.2): retrier fields and ranges,
// ErrorEquals ("States.ALL" alone and in the last element; user names must not claim the
// reserved "States." prefix), catcher targets (added to the outline), ResultPath and Assign.
class RetryCatchChecker {
 public:
  static void check_retry(ValidationReport& report, FieldChecks& state);
  static void check_catch(ValidationReport& report, FieldChecks& state, StateOutline& outline);
};

}  // namespace jobflow::asl
