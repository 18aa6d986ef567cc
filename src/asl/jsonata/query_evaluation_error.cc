#include "asl/jsonata/query_evaluation_error.h"

#include <string>

namespace jobflow::asl {
namespace {

std::string lead(std::string_view expression, std::string_view field) {
  std::string out = "The JSONata expression '";
  out.append(expression);
  out.append("' specified for the field '");
  out.append(field);
  out.append("' ");
  return out;
}

Failure failure(std::string cause, std::string_view location = {}) {
  Failure out{std::string(QueryEvaluationError::kName), std::move(cause)};
  out.location = std::string(location);
  return out;
}

}  // namespace

Failure QueryEvaluationError::returned_nothing(std::string_view expression, std::string_view field) {
  return failure(lead(expression, field) + "returned nothing (undefined).", field);
}

Failure QueryEvaluationError::threw(std::string_view expression, std::string_view field,
                                    const jsonata::JsonataError& error) {
  std::string cause = lead(expression, field) + "threw an error during evaluation";
  // AWS's evaluator words its guards its own way, without a code [third-party for the depth
  // guard, floci #2737; the timeout's text: infer, the same library's].
  if (error.code == "D1011") {
    return failure(cause + ": Stack overflow error: Check for non-terminating recursive function. "
                           "Consider rewriting as tail-recursive.", field);
  }
  if (error.code == "D1012") return failure(cause + ": Expression evaluation timeout: Check for infinite loop", field);
  if (error.code.empty()) {
    cause += ": " + error.message;
  } else {
    cause += ". " + error.code + ": " + error.message;
  }
  return failure(std::move(cause), field);
}

Failure QueryEvaluationError::unsupported_result_type(std::string_view expression, std::string_view field) {
  return failure(lead(expression, field) + "returned an unsupported result type.", field);
}

Failure QueryEvaluationError::unexpected_result_type(std::string_view expression, std::string_view field,
                                                     std::string_view expected, const Json& value) {
  std::string cause = lead(expression, field) + "returned an unexpected result type. Expected '";
  cause.append(expected);
  cause += "', but was '";
  cause.append(type_name(value));
  cause += "' for value: " + to_text(value);
  return failure(std::move(cause), field);
}

Failure QueryEvaluationError::invalid_value(std::string_view field, std::string cause) {
  return failure(std::move(cause), field);
}

Failure QueryEvaluationError::of_state(std::string cause) { return failure(std::move(cause)); }

std::string_view QueryEvaluationError::type_name(const Json& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "number";
    case boost::json::kind::string: return "string";
    case boost::json::kind::array: return "array";
    case boost::json::kind::object: return "object";
  }
  return "null";
}

}  // namespace jobflow::asl
