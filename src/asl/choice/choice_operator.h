#pragma once

#include <string_view>

namespace jobflow::asl {

// What a data-test operator compares.
enum class ChoiceOperand {
  kString,         // String*, operand a string
  kNumeric,        // Numeric*, operand a number
  kBoolean,        // BooleanEquals, operand a boolean
  kTimestamp,      // Timestamp*, operand an RFC 3339 string
  kStringMatches,  // operand a pattern (`*` wildcard)
  kIsNull,         // Is*: operand a boolean, the expected outcome of the type test
  kIsPresent,
  kIsNumeric,
  kIsString,
  kIsBoolean,
  kIsTimestamp,
};

enum class ChoiceComparison { kEquals, kLessThan, kGreaterThan, kLessThanEquals, kGreaterThanEquals };

// One data-test operator of a JSONPath Choice rule, as spelled on the wire.
struct ChoiceOperator {
  std::string_view name;  // "NumericLessThanEqualsPath"
  ChoiceOperand operand;
  ChoiceComparison comparison;  // kEquals for StringMatches and Is*
  bool path;                    // the *Path form: the operand is a Path into the scope
};

// The operator of that wire name; nullptr if `name` is none.
const ChoiceOperator* find_choice_operator(std::string_view name);

}  // namespace jobflow::asl
