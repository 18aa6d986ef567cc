#include "asl/choice/choice_rule.h"

#include <optional>
#include <utility>
#include <vector>

#include "asl/choice/choice_operator.h"
#include "asl/choice/string_pattern.h"
#include "asl/choice/rfc3339_timestamp.h"
#include "asl/path/json_path.h"

namespace jobflow::asl {

struct ChoiceRule::Compiled {
  enum class Kind { kTest, kAnd, kOr, kNot };
  Kind kind = Kind::kTest;

  // And / Or: the operands, in order; Not: exactly one.
  std::vector<ChoiceRule> operands;

  // A data test: `Variable` <operator> operand.
  std::optional<JsonPath> variable;
  const ChoiceOperator* op = nullptr;
  std::optional<JsonPath> operand_path;  // the *Path forms
  Json literal;                          // String*, Numeric*, BooleanEquals, Is* (a boolean)
  Rfc3339Timestamp timestamp;            // Timestamp* (not *Path)
  StringPattern pattern;                 // StringMatches

  std::string next;             // top-level rules only
  std::optional<Json> assign;   // top-level rules only
};

namespace {

constexpr std::string_view kSchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";

std::unexpected<Diagnostic> invalid(std::string message, std::string location) {
  return std::unexpected<Diagnostic>(
      Diagnostic{std::string(kSchemaValidationFailed), std::move(message), std::move(location)});
}

std::string field_location(std::string_view location, std::string_view field) {
  std::string out(location);
  out += '/';
  out += field;
  return out;
}

std::string value_must_be(std::string_view field, std::string_view what) {
  std::string out = "The value for the field '";
  out += field;
  out += "' must be ";
  out += what;
  return out;
}

// -1, 0, 1 as `a` is below, equal to or above `b` (both JSON numbers). Integers compare exactly;
// once a double is involved both compare as doubles (1 == 1.0, 0 == -0.0).
int compare_numbers(const Json& a, const Json& b) {
  if (!a.is_double() && !b.is_double()) {
    const __int128 x = a.is_int64() ? __int128(a.get_int64()) : __int128(a.get_uint64());
    const __int128 y = b.is_int64() ? __int128(b.get_int64()) : __int128(b.get_uint64());
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  const double x = a.to_number<double>();
  const double y = b.to_number<double>();
  return x < y ? -1 : (x > y ? 1 : 0);
}

template <class T>
int compare_values(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

bool holds(ChoiceComparison comparison, int order) {
  switch (comparison) {
    case ChoiceComparison::kEquals: return order == 0;
    case ChoiceComparison::kLessThan: return order < 0;
    case ChoiceComparison::kGreaterThan: return order > 0;
    case ChoiceComparison::kLessThanEquals: return order <= 0;
    case ChoiceComparison::kGreaterThanEquals: return order >= 0;
  }
  return false;
}

std::optional<Rfc3339Timestamp> as_timestamp(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_string();
  return Rfc3339Timestamp::parse(std::string_view(text.data(), text.size()));
}

std::string_view as_view(const Json& string_value) {
  const auto& text = string_value.get_string();
  return {text.data(), text.size()};
}

// `Invalid path '$.x' : No results for path: $['x']` (Jayway, through AWS).
Failure path_miss(const JsonPath& path, const std::string& detail) {
  std::string cause = "Invalid path '";
  cause += path.text();
  cause += "' : ";
  cause += detail;
  return Failure::runtime(std::move(cause));
}

// The fields a Choice rule may carry besides its operator.
enum class RuleField { kVariable, kNext, kAssign, kComment, kAnd, kOr, kNot, kOperator, kUnknown };

RuleField classify(std::string_view key) {
  if (key == "Variable") return RuleField::kVariable;
  if (key == "Next") return RuleField::kNext;
  if (key == "Assign") return RuleField::kAssign;
  if (key == "Comment") return RuleField::kComment;
  if (key == "And") return RuleField::kAnd;
  if (key == "Or") return RuleField::kOr;
  if (key == "Not") return RuleField::kNot;
  if (find_choice_operator(key) != nullptr) return RuleField::kOperator;
  return RuleField::kUnknown;
}

}  // namespace

Parsed<ChoiceRule> ChoiceRule::parse(const Json& rule, bool top_level, std::string_view location) {
  const std::string here(location);
  if (!rule.is_object()) return invalid("The Choice rule must be an object", here);
  const auto& object = rule.get_object();

  auto compiled = std::make_shared<ChoiceRule::Compiled>();
  std::string_view connective;      // And / Or / Not
  std::string_view operator_name;   // the data-test operator
  int operator_count = 0;
  const Json* variable = nullptr;
  const Json* operand = nullptr;

  for (const auto& member : object) {
    const std::string_view key = member.key();
    switch (classify(key)) {
      case RuleField::kUnknown:
        return invalid("Field '" + std::string(key) + "' is not supported", here);
      case RuleField::kNext:
        if (!top_level) return invalid("Field 'Next' is not supported", here);
        if (!member.value().is_string() || member.value().get_string().empty()) {
          return invalid(value_must_be("Next", "a non-empty string"), here);
        }
        compiled->next = std::string(as_view(member.value()));
        break;
      case RuleField::kAssign:
        if (!top_level) return invalid("Field 'Assign' is not supported", here);
        if (!member.value().is_object()) return invalid(value_must_be("Assign", "an object"), here);
        compiled->assign = member.value();
        break;
      case RuleField::kComment:
        if (!member.value().is_string()) return invalid(value_must_be("Comment", "a string"), here);
        break;
      case RuleField::kVariable:
        variable = &member.value();
        break;
      case RuleField::kAnd:
      case RuleField::kOr:
      case RuleField::kNot:
        connective = key;
        operand = &member.value();
        ++operator_count;
        break;
      case RuleField::kOperator:
        operator_name = key;
        operand = &member.value();
        ++operator_count;
        break;
    }
  }

  if (operator_count != 1) {
    return invalid(
        "A Choice rule must have exactly one comparison operator, or one of 'And', 'Or', 'Not'",
        here);
  }
  if (top_level && compiled->next.empty()) return invalid("These fields are required: [Next]", here);

  if (!connective.empty()) {
    if (variable != nullptr) return invalid("Field 'Variable' is not supported", here);
    const std::string operand_location = field_location(location, connective);
    if (connective == "Not") {
      compiled->kind = Compiled::Kind::kNot;
      if (!operand->is_object()) return invalid(value_must_be("Not", "an object"), here);
      auto inner = ChoiceRule::parse(*operand, false, operand_location);
      if (!inner) return std::unexpected(std::move(inner.error()));
      compiled->operands.push_back(std::move(*inner));
    } else {
      compiled->kind = connective == "And" ? Compiled::Kind::kAnd : Compiled::Kind::kOr;
      if (!operand->is_array() || operand->get_array().empty()) {
        return invalid(value_must_be(connective, "a non-empty array"), here);
      }
      const auto& items = operand->get_array();
      compiled->operands.reserve(items.size());
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto inner = ChoiceRule::parse(items[i], false, operand_location + "/" + std::to_string(i));
        if (!inner) return std::unexpected(std::move(inner.error()));
        compiled->operands.push_back(std::move(*inner));
      }
    }
    ChoiceRule parsed;
    parsed.compiled_ = std::move(compiled);
    return parsed;
  }

  // A data test.
  compiled->kind = Compiled::Kind::kTest;
  const ChoiceOperator* op = find_choice_operator(operator_name);
  compiled->op = op;
  if (variable == nullptr) return invalid("These fields are required: [Variable]", here);
  if (!variable->is_string()) return invalid(value_must_be("Variable", "a valid JSONPath"), here);
  auto variable_path = JsonPath::parse(as_view(*variable), "Variable", location);
  if (!variable_path) return std::unexpected(std::move(variable_path.error()));
  compiled->variable = std::move(*variable_path);

  if (op->path) {
    if (!operand->is_string()) return invalid(value_must_be(op->name, "a valid JSONPath"), here);
    auto operand_path = JsonPath::parse(as_view(*operand), op->name, location);
    if (!operand_path) return std::unexpected(std::move(operand_path.error()));
    compiled->operand_path = std::move(*operand_path);
  } else {
    switch (op->operand) {
      case ChoiceOperand::kString:
        if (!operand->is_string()) return invalid(value_must_be(op->name, "a string"), here);
        compiled->literal = *operand;
        break;
      case ChoiceOperand::kStringMatches:
        if (!operand->is_string()) return invalid(value_must_be(op->name, "a string"), here);
        compiled->pattern = StringPattern(as_view(*operand));
        break;
      case ChoiceOperand::kNumeric:
        if (!operand->is_number()) return invalid(value_must_be(op->name, "a number"), here);
        compiled->literal = *operand;
        break;
      case ChoiceOperand::kTimestamp: {
        if (!operand->is_string()) return invalid(value_must_be(op->name, "a string"), here);
        auto parsed = Rfc3339Timestamp::parse(as_view(*operand));
        if (!parsed) {
          return invalid("String does not match RFC3339 timestamp",
                         field_location(location, op->name));
        }
        compiled->timestamp = *parsed;
        break;
      }
      case ChoiceOperand::kBoolean:
      case ChoiceOperand::kIsNull:
      case ChoiceOperand::kIsPresent:
      case ChoiceOperand::kIsNumeric:
      case ChoiceOperand::kIsString:
      case ChoiceOperand::kIsBoolean:
      case ChoiceOperand::kIsTimestamp:
        if (!operand->is_bool()) return invalid(value_must_be(op->name, "a boolean"), here);
        compiled->literal = *operand;
        break;
    }
  }
  ChoiceRule parsed;
  parsed.compiled_ = std::move(compiled);
  return parsed;
}

namespace {

// The outcome of a data test on `value` against an operand that is known to be present.
bool test_value(const ChoiceOperator& op, const Json& value, const Json* operand,
                const Rfc3339Timestamp& literal_timestamp, const StringPattern& pattern) {
  switch (op.operand) {
    case ChoiceOperand::kString:
      if (!value.is_string() || !operand->is_string()) return false;
      // UTF-8 byte order is code-point order.
      return holds(op.comparison, as_view(value).compare(as_view(*operand)));
    case ChoiceOperand::kNumeric:
      if (!value.is_number() || !operand->is_number()) return false;
      return holds(op.comparison, compare_numbers(value, *operand));
    case ChoiceOperand::kBoolean:
      if (!value.is_bool() || !operand->is_bool()) return false;
      return value.get_bool() == operand->get_bool();
    case ChoiceOperand::kTimestamp: {
      auto left = as_timestamp(value);
      if (!left) return false;
      if (operand == nullptr) return holds(op.comparison, compare_values(*left, literal_timestamp));
      auto right = as_timestamp(*operand);
      if (!right) return false;
      return holds(op.comparison, compare_values(*left, *right));
    }
    case ChoiceOperand::kStringMatches:
      return value.is_string() && pattern.matches(as_view(value));
    case ChoiceOperand::kIsNull:
      return value.is_null() == operand->get_bool();
    case ChoiceOperand::kIsNumeric:
      return value.is_number() == operand->get_bool();
    case ChoiceOperand::kIsString:
      return value.is_string() == operand->get_bool();
    case ChoiceOperand::kIsBoolean:
      return value.is_bool() == operand->get_bool();
    case ChoiceOperand::kIsTimestamp:
      return as_timestamp(value).has_value() == operand->get_bool();
    case ChoiceOperand::kIsPresent:
      return operand->get_bool();  // handled by the caller; present here
  }
  return false;
}

}  // namespace

Outcome<bool> ChoiceRule::matches(const Scope& scope) const {
  if (!compiled_) return false;  // a default-constructed rule (never produced by parse)
  const Compiled& rule = *compiled_;
  switch (rule.kind) {
    case Compiled::Kind::kAnd:
      for (const auto& operand : rule.operands) {
        auto outcome = operand.matches(scope);
        if (!outcome || !*outcome) return outcome;
      }
      return true;
    case Compiled::Kind::kOr:
      for (const auto& operand : rule.operands) {
        auto outcome = operand.matches(scope);
        if (!outcome || *outcome) return outcome;
      }
      return false;
    case Compiled::Kind::kNot: {
      auto outcome = rule.operands.front().matches(scope);
      if (!outcome) return outcome;
      return !*outcome;
    }
    case Compiled::Kind::kTest:
      break;
  }

  const ChoiceOperator& op = *rule.op;
  auto value = rule.variable->find(scope);
  if (op.operand == ChoiceOperand::kIsPresent) {
    // An indefinite path that selects nothing yields [] rather than a miss: not present either.
    bool present = value.has_value() &&
                   (rule.variable->definite() || !(*value)->is_array() ||
                    !(*value)->get_array().empty());
    return present == rule.literal.get_bool();
  }
  if (!value) return raise(path_miss(*rule.variable, value.error()));

  if (rule.operand_path) {
    auto operand = rule.operand_path->find(scope);
    if (!operand) return raise(path_miss(*rule.operand_path, operand.error()));
    return test_value(op, **value, operand->get(), rule.timestamp, rule.pattern);
  }
  const Json* literal = op.operand == ChoiceOperand::kTimestamp ? nullptr : &rule.literal;
  return test_value(op, **value, literal, rule.timestamp, rule.pattern);
}

const std::string& ChoiceRule::next() const {
  static const std::string kNone;
  return compiled_ ? compiled_->next : kNone;
}

const Json* ChoiceRule::assign() const {
  return compiled_ && compiled_->assign ? &*compiled_->assign : nullptr;
}

Outcome<const ChoiceRule*> first_matching_rule(std::span<const ChoiceRule> rules,
                                               const Scope& scope) {
  for (const auto& rule : rules) {
    auto outcome = rule.matches(scope);
    if (!outcome) return raise(std::move(outcome.error()));
    if (*outcome) return &rule;
  }
  return nullptr;
}

}  // namespace jobflow::asl
