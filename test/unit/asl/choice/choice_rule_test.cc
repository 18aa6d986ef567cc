#include "asl/choice/choice_rule.h"

#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "asl/choice/rfc3339_timestamp.h"
#include "asl/choice/string_pattern.h"

namespace jobflow::asl {
namespace {

using ::testing::HasSubstr;

class MapVariables : public Variables {
 public:
  void set(std::string name, std::string_view json) { values_[std::move(name)] = parse_json(json); }
  const JsonPtr* find(std::string_view name) const override {
    auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, JsonPtr, std::less<>> values_;
};

Json json(std::string_view text) {
  JsonPtr parsed = parse_json(text);
  EXPECT_NE(parsed, nullptr) << text;
  return parsed ? *parsed : Json();
}

ChoiceRule rule(std::string_view text, bool top_level = false) {
  auto parsed = ChoiceRule::parse(json(text), top_level, "/States/C/Choices/0");
  EXPECT_TRUE(parsed.has_value()) << text << ": "
                                  << (parsed ? std::string() : parsed.error().to_string());
  return parsed ? *parsed : ChoiceRule();
}

Diagnostic parse_error(std::string_view text, bool top_level = true) {
  auto parsed = ChoiceRule::parse(json(text), top_level, "/States/C/Choices/0");
  EXPECT_FALSE(parsed.has_value()) << text;
  return parsed ? Diagnostic{} : parsed.error();
}

Scope scope_of(std::string_view input) {
  Scope scope;
  scope.input = parse_json(input);
  return scope;
}

// The rule `{"Variable": "$.v", <op>: <operand>}` against `{"v": <value>}`.
bool test(std::string_view op, std::string_view operand, std::string_view value) {
  std::string text = std::string(R"({"Variable": "$.v", ")") + std::string(op) + "\": " +
                     std::string(operand) + "}";
  ChoiceRule r = rule(text);
  auto outcome = r.matches(scope_of(std::string(R"({"v": )") + std::string(value) + "}"));
  EXPECT_TRUE(outcome.has_value()) << text << " on " << value;
  return outcome.value_or(false);
}

// --- operators -------------------------------------------------------------------------------

TEST(ChoiceRule, TypeMismatchIsFalseNeverAnError) {
  for (const char* value : {R"("1")", "null", "true", "[]", "{}", R"([1])"}) {
    EXPECT_FALSE(test("NumericEquals", "1", value)) << value;
    EXPECT_FALSE(test("NumericLessThan", "5", value)) << value;
  }
  for (const char* value : {"1", "null", "true", "[]", R"(["a"])", R"({"a":"a"})"}) {
    EXPECT_FALSE(test("StringEquals", R"("a")", value)) << value;
    EXPECT_FALSE(test("StringMatches", R"("*")", value)) << value;
    EXPECT_FALSE(test("TimestampEquals", R"("2012-10-09T19:00:55Z")", value)) << value;
  }
  for (const char* value : {"1", "0", "null", R"("true")", "[]", "{}"}) {
    EXPECT_FALSE(test("BooleanEquals", "true", value)) << value;
    EXPECT_FALSE(test("BooleanEquals", "false", value)) << value;
  }
}

TEST(ChoiceRule, NumbersCompareByValue) {
  EXPECT_TRUE(test("NumericEquals", "1", "1.0"));
  EXPECT_TRUE(test("NumericEquals", "1.0", "1"));
  EXPECT_TRUE(test("NumericEquals", "0", "-0.0"));
  EXPECT_TRUE(test("NumericEquals", "2.22", "2.22"));
  EXPECT_FALSE(test("NumericEquals", "1", "1.1"));
  EXPECT_TRUE(test("NumericLessThan", "2", "1.5"));
  EXPECT_TRUE(test("NumericGreaterThan", "-1", "0"));
  EXPECT_TRUE(test("NumericGreaterThanEquals", "1", "1.0"));
  EXPECT_TRUE(test("NumericLessThanEquals", "1.0", "1"));
  EXPECT_FALSE(test("NumericLessThan", "1", "1"));
  EXPECT_TRUE(test("NumericEquals", "18446744073709551615", "18446744073709551615"));
  EXPECT_TRUE(test("NumericGreaterThan", "9223372036854775807", "18446744073709551615"));
  EXPECT_TRUE(test("NumericEquals", "1e2", "100"));
}

TEST(ChoiceRule, StringsCompareByCodePoint) {
  EXPECT_TRUE(test("StringLessThan", R"("AB")", R"("A")"));
  EXPECT_TRUE(test("StringGreaterThan", R"("A")", R"("AB")"));
  EXPECT_TRUE(test("StringLessThan", R"("a")", R"("Z")"));
  EXPECT_TRUE(test("StringGreaterThan", R"("z")", R"("é")"));
  EXPECT_TRUE(test("StringGreaterThan", R"("\uffff")", R"("\ud83d\ude00")"));
  EXPECT_TRUE(test("StringLessThanEquals", R"("")", R"("")"));
  EXPECT_FALSE(test("StringGreaterThan", R"("A ")", R"("A")"));
  EXPECT_FALSE(test("StringEquals", R"("\t\r\n")", R"("\t\n")"));
  EXPECT_FALSE(test("StringEquals", R"("hello")", R"("Hello")"));
  EXPECT_TRUE(test("StringEquals", R"("Hello")", R"("Hello")"));
}

TEST(ChoiceRule, StringMatchesWildcardsAndEscapes) {
  EXPECT_TRUE(test("StringMatches", R"("log-*.txt")", R"("log-2024.txt")"));
  EXPECT_TRUE(test("StringMatches", R"("log-*.txt")", R"("log-.txt")"));
  EXPECT_FALSE(test("StringMatches", R"("log-*.txt")", R"("log-2024.txt.gz")"));
  EXPECT_TRUE(test("StringMatches", R"("*")", R"("")"));
  EXPECT_TRUE(test("StringMatches", R"("*")", R"("anything")"));
  EXPECT_TRUE(test("StringMatches", R"("")", R"("")"));
  EXPECT_FALSE(test("StringMatches", R"("")", R"("x")"));
  EXPECT_TRUE(test("StringMatches", R"("*ab")", R"("aab")"));
  EXPECT_FALSE(test("StringMatches", R"("a*a")", R"("a")"));
  EXPECT_TRUE(test("StringMatches", R"("a*b*c")", R"("aXbYbZc")"));
  EXPECT_TRUE(test("StringMatches", R"("**")", R"("x")"));
  // "\\*" in JSON is the two characters \* : a literal star.
  EXPECT_TRUE(test("StringMatches", R"("a\\*b")", R"("a*b")"));
  EXPECT_FALSE(test("StringMatches", R"("a\\*b")", R"("axb")"));
  EXPECT_TRUE(test("StringMatches", R"("\\**")", R"("*star")"));
  EXPECT_FALSE(test("StringMatches", R"("\\**")", R"("star")"));
  // "\\\\" is a literal backslash; a lone backslash stands for itself.
  EXPECT_TRUE(test("StringMatches", R"("a\\\\*")", R"("a\\bc")"));
  EXPECT_TRUE(test("StringMatches", R"("a\\b")", R"("a\\b")"));
  // No other metacharacter.
  EXPECT_TRUE(test("StringMatches", R"("a.?[b]+")", R"("a.?[b]+")"));
  EXPECT_FALSE(test("StringMatches", R"("a.c")", R"("abc")"));
  EXPECT_TRUE(test("StringMatches", R"("*é*")", R"("café au lait")"));
}

TEST(ChoiceRule, TimestampsAreRfc3339Instants) {
  EXPECT_TRUE(test("TimestampEquals", R"("2012-10-09T19:00:55Z")", R"("2012-10-09T19:00:55Z")"));
  EXPECT_TRUE(test("TimestampEquals", R"("2012-10-09T19:00:55Z")",
                   R"("2012-10-09T20:00:55+01:00")"));
  EXPECT_TRUE(test("TimestampEquals", R"("2012-10-09T19:00:55Z")",
                   R"("2012-10-09T14:30:55-04:30")"));
  EXPECT_TRUE(test("TimestampEquals", R"("2012-10-09T19:00:55Z")", R"("2012-10-09t19:00:55.000z")"));
  EXPECT_TRUE(test("TimestampLessThan", R"("2012-10-09T19:00:55.5Z")",
                   R"("2012-10-09T19:00:55.499999999Z")"));
  EXPECT_TRUE(test("TimestampGreaterThan", R"("2012-10-09T19:00:55Z")",
                   R"("2012-10-09T19:00:55.000000001Z")"));
  EXPECT_TRUE(test("TimestampGreaterThan", R"("2012-10-09T19:00:55Z")", R"("2012-10-09T19:00:56Z")"));
  EXPECT_TRUE(test("TimestampLessThanEquals", R"("2012-10-09T19:00:55Z")", R"("2012-10-09T19:00:55Z")"));
  EXPECT_TRUE(test("TimestampGreaterThanEquals", R"("2012-10-09T19:00:55Z")",
                   R"("2012-10-09T19:00:55Z")"));
  EXPECT_TRUE(test("TimestampLessThan", R"("1970-01-01T00:00:00Z")", R"("1969-12-31T23:59:59Z")"));
  // Not RFC 3339: false, never an error.
  for (const char* value :
       {R"("")", R"(" ")", R"("2012-10-09T19:00:55")", R"("2012-10-09")",
        R"("2023-02-24 12:15:56.832957")", R"("2012-10-09T19:00Z")", R"("2013-02-29T00:00:00Z")",
        R"("2012-13-01T00:00:00Z")", R"("2012-10-09T24:00:00Z")", R"("2012-10-09T19:00:60Z")",
        R"("2012-10-09T19:00:55.Z")", R"("2012-10-09T19:00:55.1234567891Z")",
        R"("2012-10-09T19:00:55+0100")", R"("2012-10-09T19:00:55+19:00")",
        R"("2012-10-09T19:00:55Z ")", R"("12-10-09T19:00:55Z")"}) {
    EXPECT_FALSE(test("TimestampEquals", R"("2012-10-09T19:00:55Z")", value)) << value;
    EXPECT_FALSE(test("TimestampLessThan", R"("2099-10-09T19:00:55Z")", value)) << value;
    EXPECT_FALSE(test("IsTimestamp", "true", value)) << value;
    EXPECT_TRUE(test("IsTimestamp", "false", value)) << value;
  }
  EXPECT_TRUE(test("IsTimestamp", "true", R"("2012-02-29T00:00:00Z")"));
  EXPECT_TRUE(test("IsTimestamp", "true", R"("2012-10-09T19:00:55.832957+18:00")"));
  EXPECT_FALSE(test("IsTimestamp", "true", "1349809255"));
}

TEST(ChoiceRule, TypeTests) {
  struct Row {
    const char* value;
    bool null, numeric, string, boolean, timestamp;
  };
  const Row rows[] = {
      {"null", true, false, false, false, false},
      {"0", false, true, false, false, false},
      {"1.1", false, true, false, false, false},
      {R"("")", false, false, true, false, false},
      {R"("1")", false, false, true, false, false},
      {R"("2012-10-09T19:00:55Z")", false, false, true, false, true},
      {"true", false, false, false, true, false},
      {"false", false, false, false, true, false},
      {"[]", false, false, false, false, false},
      {"{}", false, false, false, false, false},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.value);
    EXPECT_EQ(test("IsNull", "true", row.value), row.null);
    EXPECT_EQ(test("IsNull", "false", row.value), !row.null);
    EXPECT_EQ(test("IsNumeric", "true", row.value), row.numeric);
    EXPECT_EQ(test("IsNumeric", "false", row.value), !row.numeric);
    EXPECT_EQ(test("IsString", "true", row.value), row.string);
    EXPECT_EQ(test("IsString", "false", row.value), !row.string);
    EXPECT_EQ(test("IsBoolean", "true", row.value), row.boolean);
    EXPECT_EQ(test("IsBoolean", "false", row.value), !row.boolean);
    EXPECT_EQ(test("IsTimestamp", "true", row.value), row.timestamp);
    EXPECT_EQ(test("IsTimestamp", "false", row.value), !row.timestamp);
    EXPECT_TRUE(test("IsPresent", "true", row.value));
    EXPECT_FALSE(test("IsPresent", "false", row.value));
  }
}

TEST(ChoiceRule, IsPresentOnMissingPathIsNoError) {
  Scope scope = scope_of(R"({"a": {"b": null}})");
  EXPECT_EQ(rule(R"({"Variable": "$.x", "IsPresent": true})").matches(scope), false);
  EXPECT_EQ(rule(R"({"Variable": "$.x", "IsPresent": false})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$.a.b.c", "IsPresent": false})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$.a.b", "IsPresent": true})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$", "IsPresent": true})").matches(scope), true);
  // An indefinite path never misses; selecting nothing counts as not present.
  EXPECT_EQ(rule(R"({"Variable": "$.items[*]", "IsPresent": true})").matches(scope), false);
  EXPECT_EQ(rule(R"({"Variable": "$.a[*]", "IsPresent": true})").matches(scope), true);
  // Anything else on an indefinite path compares the array of matches: a type mismatch.
  EXPECT_EQ(rule(R"({"Variable": "$.items[*]", "IsNull": false})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$.items[*]", "NumericEquals": 1})").matches(scope), false);
}

// --- paths -----------------------------------------------------------------------------------

TEST(ChoiceRule, MissingVariableIsStatesRuntime) {
  Scope scope = scope_of(R"({"a": 1})");
  auto outcome = rule(R"({"Variable": "$.x", "NumericEquals": 1})").matches(scope);
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().error, "States.Runtime");
  EXPECT_EQ(outcome.error().cause, "Invalid path '$.x' : No results for path: $['x']");

  for (const char* op : {R"("IsNull": true)", R"("IsString": false)", R"("StringMatches": "*")",
                         R"("BooleanEquals": true)", R"("TimestampEquals": "2012-10-09T19:00:55Z")"}) {
    auto failed = rule(std::string(R"({"Variable": "$.a.b", )") + op + "}").matches(scope);
    ASSERT_FALSE(failed.has_value()) << op;
    EXPECT_EQ(failed.error().error, "States.Runtime");
    EXPECT_THAT(failed.error().cause, HasSubstr("Invalid path '$.a.b' : ")) << op;
  }
}

TEST(ChoiceRule, MissingOperandPathIsStatesRuntime) {
  auto outcome = rule(R"({"Variable": "$.a", "NumericEqualsPath": "$.missing"})")
                     .matches(scope_of(R"({"a": 1})"));
  ASSERT_FALSE(outcome.has_value());
  EXPECT_EQ(outcome.error().error, "States.Runtime");
  EXPECT_THAT(outcome.error().cause, HasSubstr("Invalid path '$.missing' : "));
}

TEST(ChoiceRule, PathOperandsCompareTheSelectedValues) {
  Scope scope = scope_of(
      R"({"n": 3, "m": 3.0, "s": "b", "t": "a", "yes": true, "when": "2012-10-09T20:00:55+01:00",
          "at": "2012-10-09T19:00:55Z", "bad": "yesterday", "text": "3"})");
  EXPECT_EQ(rule(R"({"Variable": "$.n", "NumericEqualsPath": "$.m"})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$.n", "NumericLessThanPath": "$.m"})").matches(scope), false);
  EXPECT_EQ(rule(R"({"Variable": "$.n", "NumericEqualsPath": "$.text"})").matches(scope), false);
  EXPECT_EQ(rule(R"({"Variable": "$.s", "StringGreaterThanPath": "$.t"})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$.s", "StringEqualsPath": "$.n"})").matches(scope), false);
  EXPECT_EQ(rule(R"({"Variable": "$.yes", "BooleanEqualsPath": "$.yes"})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$.yes", "BooleanEqualsPath": "$.s"})").matches(scope), false);
  EXPECT_EQ(rule(R"({"Variable": "$.when", "TimestampEqualsPath": "$.at"})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$.when", "TimestampEqualsPath": "$.bad"})").matches(scope), false);
  EXPECT_EQ(rule(R"({"Variable": "$.bad", "TimestampLessThanPath": "$.at"})").matches(scope), false);
}

TEST(ChoiceRule, ContextAndVariablePaths) {
  MapVariables variables;
  variables.set("guess", R"("the_guess")");
  variables.set("answer", R"("the_answer")");
  variables.set("limit", "10");
  Scope scope = scope_of(R"({"value": 7})");
  scope.context = parse_json(R"({"Execution": {"Input": {"input-value": 0}}})");
  scope.variables = &variables;

  EXPECT_EQ(rule(R"({"Variable": "$$.Execution.Input.input-value", "NumericLessThanEquals": 0})")
                .matches(scope),
            true);
  EXPECT_EQ(rule(R"({"Variable": "$guess", "StringEqualsPath": "$answer"})").matches(scope), false);
  EXPECT_EQ(rule(R"({"Variable": "$.value", "NumericLessThanPath": "$limit"})").matches(scope), true);
  EXPECT_EQ(rule(R"({"Variable": "$limit", "NumericGreaterThanPath": "$.value"})").matches(scope),
            true);
  EXPECT_EQ(
      rule(R"({"Variable": "$.value", "NumericEqualsPath": "$$.Execution.Input.input-value"})")
          .matches(scope),
      false);
  variables.set("guess", R"("the_answer")");
  EXPECT_EQ(rule(R"({"Variable": "$guess", "StringEqualsPath": "$answer"})").matches(scope), true);
}

// --- combinators -----------------------------------------------------------------------------

TEST(ChoiceRule, AndOrNot) {
  Scope scope = scope_of(R"({"type": "Private", "value": 22})");
  ChoiceRule in_twenties = rule(R"({"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                                            {"Variable": "$.value", "NumericLessThan": 30}],
                                    "Next": "ValueInTwenties"})",
                                true);
  EXPECT_EQ(in_twenties.matches(scope), true);
  EXPECT_EQ(in_twenties.next(), "ValueInTwenties");
  EXPECT_EQ(rule(R"({"Not": {"Variable": "$.type", "StringEquals": "Private"}})").matches(scope),
            false);
  EXPECT_EQ(rule(R"({"Or": [{"Variable": "$.type", "StringEquals": "Public"},
                            {"Variable": "$.value", "NumericEquals": 22}]})")
                .matches(scope),
            true);
  EXPECT_EQ(rule(R"({"Or": [{"Variable": "$.type", "StringEquals": "Public"}]})").matches(scope),
            false);
  EXPECT_EQ(rule(R"({"And": [{"Variable": "$.type", "StringEquals": "Private"}]})").matches(scope),
            true);
  EXPECT_EQ(rule(R"({"Not": {"Not": {"And": [{"Or": [{"Variable": "$.value", "IsNumeric": true}]}]}}})")
                .matches(scope),
            true);
}

TEST(ChoiceRule, CombinatorsShortCircuit) {
  Scope scope = scope_of(R"({"a": 1})");
  // The usual guard: IsPresent first, so the missing path is never compared.
  EXPECT_EQ(rule(R"({"And": [{"Variable": "$.x", "IsPresent": true},
                             {"Variable": "$.x", "StringEquals": "y"}]})")
                .matches(scope),
            false);
  EXPECT_EQ(rule(R"({"Or": [{"Variable": "$.x", "IsPresent": false},
                            {"Variable": "$.x", "StringEquals": "y"}]})")
                .matches(scope),
            true);
  auto failed = rule(R"({"Or": [{"Variable": "$.a", "IsString": true},
                                {"Not": {"Variable": "$.x", "StringEquals": "y"}}]})")
                    .matches(scope);
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().error, "States.Runtime");
}

// The map-state break condition of scenarios/test_map_state_break_condition: item 3 breaks.
TEST(ChoiceRule, MapBreakConditionOnEachItem) {
  ChoiceRule breaks = rule(R"({"And": [{"IsPresent": true, "Variable": "$"},
                                       {"And": [{"IsNumeric": true, "Variable": "$"},
                                                {"NumericEquals": 3, "Variable": "$"}]}],
                               "Next": "Break"})",
                           true);
  std::vector<bool> outcomes;
  for (const char* item : {"1", R"("Hello")", "{}", "3.3", "3", "4", "5"}) {
    outcomes.push_back(breaks.matches(scope_of(item)).value_or(false));
  }
  EXPECT_EQ(outcomes, (std::vector<bool>{false, false, false, false, true, false, false}));
}

// --- a Choice state's decision ---------------------------------------------------------------

std::vector<ChoiceRule> choices(std::string_view array_text) {
  std::vector<ChoiceRule> rules;
  const Json parsed_array = json(array_text);
  const auto& items = parsed_array.as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto parsed = ChoiceRule::parse(items[i], true, "/States/C/Choices/" + std::to_string(i));
    EXPECT_TRUE(parsed.has_value());
    if (parsed) rules.push_back(*parsed);
  }
  return rules;
}

// assign/test_assign_in_choice_state_{CORRECT,INCORRECT}: the input_value is a string ("42",
// "0"), so NumericEquals 42 is false and the state's Default (and its Assign) is taken.
TEST(ChoiceState, AssignInChoiceStateFallsBackToDefault) {
  auto rules = choices(R"([
      {"Variable": "$.input_value", "IsPresent": false, "Assign": {"status": "UNKNOWN"},
       "Next": "FinalState"},
      {"Variable": "$.input_value", "NumericEquals": 42, "Assign": {"status": "CORRECT"},
       "Next": "FinalState"}])");
  ASSERT_EQ(rules.size(), 2u);
  ASSERT_NE(rules[0].assign(), nullptr);
  EXPECT_TRUE(json_equal(*rules[1].assign(), json(R"({"status": "CORRECT"})")));
  EXPECT_EQ(first_matching_rule(rules, scope_of(R"({"input_value": "42"})")), nullptr);
  EXPECT_EQ(first_matching_rule(rules, scope_of(R"({"input_value": "0"})")), nullptr);
  EXPECT_EQ(first_matching_rule(rules, scope_of(R"({"input_value": 42})")), &rules[1]);
  EXPECT_EQ(first_matching_rule(rules, scope_of(R"({})")), &rules[0]);
}

TEST(ChoiceState, NoMatchIsNullSoTheCallerRaisesNoChoiceMatched) {
  auto rules = choices(R"([{"Variable": "$.result.done", "BooleanEquals": true, "Next": "T"},
                           {"Variable": "$.result.done", "BooleanEquals": false, "Next": "F"}])");
  EXPECT_EQ(first_matching_rule(rules, scope_of(R"({"result": {"done": true}})")), &rules[0]);
  EXPECT_EQ(first_matching_rule(rules, scope_of(R"({"result": {"done": false}})")), &rules[1]);
  EXPECT_EQ(first_matching_rule(rules, scope_of(R"({"result": {"done": "no"}})")), nullptr);
  auto failed = first_matching_rule(rules, scope_of(R"({"result": {}})"));
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().error, "States.Runtime");
  EXPECT_THAT(failed.error().cause, HasSubstr("Invalid path '$.result.done'"));
  EXPECT_EQ(first_matching_rule({}, scope_of("{}")), nullptr);
}

TEST(ChoiceState, RulesWithoutAssign) {
  ChoiceRule r = rule(R"({"Variable": "$.a", "IsNull": true, "Next": "N", "Comment": "c"})", true);
  EXPECT_EQ(r.assign(), nullptr);
  EXPECT_EQ(r.next(), "N");
}

// --- parse errors ----------------------------------------------------------------------------

TEST(ChoiceRuleParse, TopLevelRulesNeedNext) {
  Diagnostic d = parse_error(R"({"Variable": "$.a", "IsNull": true})");
  EXPECT_EQ(d.code, "SCHEMA_VALIDATION_FAILED");
  EXPECT_EQ(d.message, "These fields are required: [Next]");
  EXPECT_EQ(d.location, "/States/C/Choices/0");
  EXPECT_EQ(parse_error(R"({"Variable": "$.a", "IsNull": true, "Next": 1})").message,
            "The value for the field 'Next' must be a non-empty string");
}

TEST(ChoiceRuleParse, NestedRulesMustNotHaveNextOrAssign) {
  Diagnostic d = parse_error(R"({"Not": {"Variable": "$.a", "IsNull": true, "Next": "X"},
                                 "Next": "Y"})");
  EXPECT_EQ(d.message, "Field 'Next' is not supported");
  EXPECT_EQ(d.location, "/States/C/Choices/0/Not");
  d = parse_error(R"({"And": [{"Variable": "$.a", "IsNull": true},
                              {"Variable": "$.a", "IsNull": true, "Next": "X"}], "Next": "Y"})");
  EXPECT_EQ(d.message, "Field 'Next' is not supported");
  EXPECT_EQ(d.location, "/States/C/Choices/0/And/1");
  d = parse_error(R"({"Variable": "$.a", "IsNull": true, "Next": "Y"})", false);
  EXPECT_EQ(d.message, "Field 'Next' is not supported");
  d = parse_error(R"({"Or": [{"Variable": "$.a", "IsNull": true, "Assign": {}}], "Next": "Y"})");
  EXPECT_EQ(d.message, "Field 'Assign' is not supported");
  EXPECT_EQ(d.location, "/States/C/Choices/0/Or/0");
}

TEST(ChoiceRuleParse, ExactlyOneOperator) {
  const char* kMessage =
      "A Choice rule must have exactly one comparison operator, or one of 'And', 'Or', 'Not'";
  EXPECT_EQ(parse_error(R"({"Variable": "$.a", "Next": "N"})").message, kMessage);
  EXPECT_EQ(parse_error(R"({"Next": "N"})").message, kMessage);
  EXPECT_EQ(parse_error(R"({"Variable": "$.a", "IsNull": true, "IsString": true, "Next": "N"})")
                .message,
            kMessage);
  EXPECT_EQ(parse_error(R"({"Not": {"Variable": "$.a", "IsNull": true}, "Variable": "$.a",
                            "IsNull": true, "Next": "N"})")
                .message,
            kMessage);
}

TEST(ChoiceRuleParse, UnknownFields) {
  Diagnostic d = parse_error(R"({"Variable": "$.a", "StringEqual": "x", "Next": "N"})");
  EXPECT_EQ(d.message, "Field 'StringEqual' is not supported");
  EXPECT_EQ(parse_error(R"({"Condition": "{% true %}", "Next": "N"})").message,
            "Field 'Condition' is not supported");
  EXPECT_EQ(parse_error(R"({"Variable": "$.a", "IsNull": true, "Next": "N", "Default": "D"})")
                .message,
            "Field 'Default' is not supported");
}

TEST(ChoiceRuleParse, VariableIsRequiredForDataTestsAndForbiddenForCombinators) {
  EXPECT_EQ(parse_error(R"({"NumericEquals": 1, "Next": "N"})").message,
            "These fields are required: [Variable]");
  EXPECT_EQ(parse_error(R"({"Variable": 1, "NumericEquals": 1, "Next": "N"})").message,
            "The value for the field 'Variable' must be a valid JSONPath");
  EXPECT_EQ(parse_error(R"({"Variable": "$.a", "Not": {"Variable": "$.a", "IsNull": true},
                            "Next": "N"})")
                .message,
            "Field 'Variable' is not supported");
  Diagnostic d = parse_error(R"({"Variable": "no path", "IsNull": true, "Next": "N"})");
  EXPECT_EQ(d.code, "SCHEMA_VALIDATION_FAILED");
  EXPECT_THAT(d.message, HasSubstr("'Variable'"));
  d = parse_error(R"({"Variable": "$.a", "NumericEqualsPath": "nope", "Next": "N"})");
  EXPECT_EQ(d.code, "SCHEMA_VALIDATION_FAILED");
  EXPECT_THAT(d.message, HasSubstr("'NumericEqualsPath'"));
}

TEST(ChoiceRuleParse, OperandTypes) {
  struct Row {
    const char* rule;
    const char* message;
  };
  const Row rows[] = {
      {R"({"Variable": "$.a", "StringEquals": 1, "Next": "N"})",
       "The value for the field 'StringEquals' must be a string"},
      {R"({"Variable": "$.a", "StringMatches": null, "Next": "N"})",
       "The value for the field 'StringMatches' must be a string"},
      {R"({"Variable": "$.a", "NumericEquals": "1", "Next": "N"})",
       "The value for the field 'NumericEquals' must be a number"},
      {R"({"Variable": "$.a", "BooleanEquals": "true", "Next": "N"})",
       "The value for the field 'BooleanEquals' must be a boolean"},
      {R"({"Variable": "$.a", "IsPresent": 1, "Next": "N"})",
       "The value for the field 'IsPresent' must be a boolean"},
      {R"({"Variable": "$.a", "TimestampEquals": 5, "Next": "N"})",
       "The value for the field 'TimestampEquals' must be a string"},
      {R"({"Variable": "$.a", "StringEqualsPath": 5, "Next": "N"})",
       "The value for the field 'StringEqualsPath' must be a valid JSONPath"},
      {R"({"And": [], "Next": "N"})", "The value for the field 'And' must be a non-empty array"},
      {R"({"Or": {}, "Next": "N"})", "The value for the field 'Or' must be a non-empty array"},
      {R"({"Not": [], "Next": "N"})", "The value for the field 'Not' must be an object"},
      {R"({"Variable": "$.a", "IsNull": true, "Next": "N", "Assign": []})",
       "The value for the field 'Assign' must be an object"},
      {"[]", "The Choice rule must be an object"},
  };
  for (const auto& row : rows) {
    Diagnostic d = parse_error(row.rule);
    EXPECT_EQ(d.code, "SCHEMA_VALIDATION_FAILED") << row.rule;
    EXPECT_EQ(d.message, row.message) << row.rule;
    EXPECT_EQ(d.location, "/States/C/Choices/0") << row.rule;
  }
}

TEST(ChoiceRuleParse, TimestampLiteralMustBeRfc3339) {
  Diagnostic d = parse_error(R"({"Variable": "$.a", "TimestampLessThan": "2016-03-14", "Next": "N"})");
  EXPECT_EQ(d.to_string(),
            "SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at "
            "/States/C/Choices/0/TimestampLessThan");
  d = parse_error(R"({"And": [{"Variable": "$.a", "TimestampEquals": "2016-03-14T01:59:00"}],
                      "Next": "N"})");
  EXPECT_EQ(d.location, "/States/C/Choices/0/And/0/TimestampEquals");
}

// --- the helpers -----------------------------------------------------------------------------

TEST(Rfc3339Timestamp, ParsesInstants) {
  auto epoch = Rfc3339Timestamp::parse("1970-01-01T00:00:00Z");
  ASSERT_TRUE(epoch);
  EXPECT_EQ(epoch->seconds, 0);
  auto t = Rfc3339Timestamp::parse("2012-10-09T19:00:55.25+01:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->seconds, 1349805655);
  EXPECT_EQ(t->nanoseconds, 250000000);
  EXPECT_EQ(Rfc3339Timestamp::parse("1969-12-31T23:59:59Z")->seconds, -1);
  EXPECT_FALSE(Rfc3339Timestamp::parse("2012-10-09T19:00:55"));
}

TEST(StringPattern, MatchesWithoutRegex) {
  EXPECT_TRUE(StringPattern("*.csv").matches("data.csv"));
  EXPECT_FALSE(StringPattern("*.csv").matches("data.csv.bak"));
  EXPECT_TRUE(StringPattern("a*b*a").matches("abba"));
  EXPECT_FALSE(StringPattern("ab*ba").matches("aba"));
  EXPECT_TRUE(StringPattern().matches(""));
}

}  // namespace
}  // namespace jobflow::asl
