#include "asl/choice/choice_operator.h"

namespace jobflow::asl {
namespace {

using enum ChoiceOperand;
using enum ChoiceComparison;

// The one table of data-test operator names (ASL, JSONPath mode).
constexpr ChoiceOperator kOperators[] = {
    {"StringEquals", kString, kEquals, false},
    {"StringEqualsPath", kString, kEquals, true},
    {"StringLessThan", kString, kLessThan, false},
    {"StringLessThanPath", kString, kLessThan, true},
    {"StringGreaterThan", kString, kGreaterThan, false},
    {"StringGreaterThanPath", kString, kGreaterThan, true},
    {"StringLessThanEquals", kString, kLessThanEquals, false},
    {"StringLessThanEqualsPath", kString, kLessThanEquals, true},
    {"StringGreaterThanEquals", kString, kGreaterThanEquals, false},
    {"StringGreaterThanEqualsPath", kString, kGreaterThanEquals, true},
    {"StringMatches", kStringMatches, kEquals, false},
    {"NumericEquals", kNumeric, kEquals, false},
    {"NumericEqualsPath", kNumeric, kEquals, true},
    {"NumericLessThan", kNumeric, kLessThan, false},
    {"NumericLessThanPath", kNumeric, kLessThan, true},
    {"NumericGreaterThan", kNumeric, kGreaterThan, false},
    {"NumericGreaterThanPath", kNumeric, kGreaterThan, true},
    {"NumericLessThanEquals", kNumeric, kLessThanEquals, false},
    {"NumericLessThanEqualsPath", kNumeric, kLessThanEquals, true},
    {"NumericGreaterThanEquals", kNumeric, kGreaterThanEquals, false},
    {"NumericGreaterThanEqualsPath", kNumeric, kGreaterThanEquals, true},
    {"BooleanEquals", kBoolean, kEquals, false},
    {"BooleanEqualsPath", kBoolean, kEquals, true},
    {"TimestampEquals", kTimestamp, kEquals, false},
    {"TimestampEqualsPath", kTimestamp, kEquals, true},
    {"TimestampLessThan", kTimestamp, kLessThan, false},
    {"TimestampLessThanPath", kTimestamp, kLessThan, true},
    {"TimestampGreaterThan", kTimestamp, kGreaterThan, false},
    {"TimestampGreaterThanPath", kTimestamp, kGreaterThan, true},
    {"TimestampLessThanEquals", kTimestamp, kLessThanEquals, false},
    {"TimestampLessThanEqualsPath", kTimestamp, kLessThanEquals, true},
    {"TimestampGreaterThanEquals", kTimestamp, kGreaterThanEquals, false},
    {"TimestampGreaterThanEqualsPath", kTimestamp, kGreaterThanEquals, true},
    {"IsNull", kIsNull, kEquals, false},
    {"IsPresent", kIsPresent, kEquals, false},
    {"IsNumeric", kIsNumeric, kEquals, false},
    {"IsString", kIsString, kEquals, false},
    {"IsBoolean", kIsBoolean, kEquals, false},
    {"IsTimestamp", kIsTimestamp, kEquals, false},
};

}  // namespace

const ChoiceOperator* find_choice_operator(std::string_view name) {
  for (const auto& op : kOperators) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

}  // namespace jobflow::asl
