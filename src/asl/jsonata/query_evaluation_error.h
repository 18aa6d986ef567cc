#pragma once

#include <string_view>

#include "asl/value/failure.h"
#include "asl/value/json.h"
#include "jsonata/error/jsonata_error.h"

namespace jobflow::asl {

// The States.QueryEvaluationError failures of JSONata mode, with AWS's cause texts. `expression`
// is the text between the delimiters, trimmed; `field` the field path ("Output", "Output/error",
// "Items"), which is also the failure's location. The engine adds the "An error occurred while executing the state ..." prefix.
struct QueryEvaluationError {
  static constexpr std::string_view kName = "States.QueryEvaluationError";

  // "The JSONata expression '<e>' specified for the field '<f>' returned nothing (undefined)."
  static Failure returned_nothing(std::string_view expression, std::string_view field);
  // "... threw an error during evaluation. <code>: <message>" (a JSONata error), or
  // "... threw an error during evaluation: <message>" (an error without a code).
  static Failure threw(std::string_view expression, std::string_view field, const jsonata::JsonataError& error);
  // "... returned an unsupported result type." (a function)
  static Failure unsupported_result_type(std::string_view expression, std::string_view field);
  // "... returned an unexpected result type. Expected 'array', but was 'boolean' for value: true"
  // (for fields that need one type, e.g. Map's Items); `value` is written as compact JSON.
  static Failure unexpected_result_type(std::string_view expression, std::string_view field,
                                        std::string_view expected, const Json& value);
  // A field's value that the state cannot use (a Timestamp that is not one, a negative Seconds):
  // `cause` as given, the field as the location.
  static Failure invalid_value(std::string_view field, std::string cause);
  // A failure of the state itself, with no field ("Map state input must be an array but was: 1").
  static Failure of_state(std::string cause);
  // The JSON type name AWS uses in that message: null, boolean, number, string, array, object.
  static std::string_view type_name(const Json& value);
};

}  // namespace jobflow::asl
