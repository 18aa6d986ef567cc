#include "asl/validate/retry_catch_checker.h"

#include <array>

#include "asl/validate/messages.h"

namespace jobflow::asl {
namespace {

constexpr std::int64_t kMaxRetryValue = 99999999;
constexpr std::int64_t kMaxDelaySeconds = 31622400;

constexpr std::array<std::string_view, 16> kStatesErrors{
    "States.ALL",
    "States.HeartbeatTimeout",
    "States.Timeout",
    "States.TaskFailed",
    "States.Permissions",
    "States.ResultPathMatchFailure",
    "States.ParameterPathFailure",
    "States.BranchFailed",
    "States.NoChoiceMatched",
    "States.IntrinsicFailure",
    "States.ExceedToleratedFailureThreshold",
    "States.ItemReaderFailed",
    "States.ResultWriterFailed",
    "States.QueryEvaluationError",
    "States.DataLimitExceeded",
    "States.Runtime",
};

bool known_states_error(std::string_view name) {
  for (auto known : kStatesErrors) {
    if (known == name) return true;
  }
  return name == "States.Http.Socket" || name.starts_with("States.Http.StatusCode.");
}

// Checks one element's ErrorEquals; true when it names States.ALL.
bool check_error_equals(ValidationReport& report, FieldChecks& element) {
  const boost::json::array* names = element.array("ErrorEquals", /*non_empty=*/true);
  if (!names) return false;
  std::string location = element.field_location("ErrorEquals");
  bool has_all = false;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const Json& name = (*names)[i];
    std::string here = location + "[" + std::to_string(i) + "]";
    if (!name.is_string()) {
      report.schema_error(Messages::wrong_type("ErrorEquals", "an array of strings"), here);
      continue;
    }
    std::string_view text = name.as_string();
    if (text == "States.ALL") has_all = true;
    if (text.starts_with("States.") && !known_states_error(text)) {
      report.schema_error(Messages::reserved_error_name(text), here);
    }
  }
  if (has_all && names->size() > 1) report.schema_error(Messages::states_all_not_alone(), location);
  return has_all;
}

// Checks the elements of Retry or Catch; `each` runs the element-specific checks.
template <class Each>
void check_elements(ValidationReport& report, FieldChecks& state, std::string_view field,
                    std::initializer_list<std::string_view> required, Each each) {
  const boost::json::array* elements = state.array(field, /*non_empty=*/false);
  if (!elements) return;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    std::string location = element_location(state.location(), field, i);
    const Json& element = (*elements)[i];
    if (!element.is_object()) {
      report.schema_error(Messages::wrong_type(field, "an array of objects"), location);
      continue;
    }
    FieldChecks checks(report, element.as_object(), location, state.language());
    checks.required(required);
    bool has_all = check_error_equals(report, checks);
    if (has_all && i + 1 != elements->size()) {
      report.schema_error(Messages::states_all_not_last(field), location);
    }
    each(checks);
  }
}

}  // namespace

void RetryCatchChecker::check_retry(ValidationReport& report, FieldChecks& state) {
  check_elements(report, state, "Retry", {"ErrorEquals"}, [&](FieldChecks& retrier) {
    retrier.known_fields({"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
                          "MaxDelaySeconds", "JitterStrategy", "Comment"});
    retrier.string("Comment");
    retrier.integer("IntervalSeconds", 1, kMaxRetryValue);
    retrier.integer("MaxAttempts", 0, kMaxRetryValue);
    retrier.number("BackoffRate", 1.0);
    retrier.integer("MaxDelaySeconds", 1, kMaxDelaySeconds);
    retrier.enumeration("JitterStrategy", {"FULL", "NONE"});
  });
}

void RetryCatchChecker::check_catch(ValidationReport& report, FieldChecks& state,
                                    StateOutline& outline) {
  check_elements(report, state, "Catch", {"ErrorEquals", "Next"}, [&](FieldChecks& catcher) {
    if (catcher.jsonata()) {
      catcher.known_fields({"ErrorEquals", "Next", "Output", "Assign", "Comment"});
      catcher.jsonata_template("Output");
    } else {
      catcher.known_fields({"ErrorEquals", "Next", "ResultPath", "Assign", "Comment"});
      catcher.reference_path("ResultPath", /*allow_null=*/true);
    }
    catcher.string("Comment");
    if (auto next = catcher.string("Next")) {
      outline.transitions.push_back({std::string(*next), catcher.field_location("Next")});
    }
    catcher.assign();
  });
}

}  // namespace jobflow::asl
