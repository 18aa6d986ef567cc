// JsonataTemplate: which strings are expressions, how a field evaluates (literals, nesting,
// $states, variables), and AWS's causes with their field paths. `source` names the corpus case
// (../shared/conformance/sfn/<category>/<case>.json) a row restates, "third-party" for behaviour
// measured against AWS by another emulator (see README.md), "infer" for ours.

#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "asl/jsonata/jsonata_template.h"
#include "asl/jsonata/query_evaluation_error.h"
#include "template_runner.h"

namespace jobflow::asl {
namespace {

using testing::MapVariables;
using testing::run_field;

// ---- delimiters ----------------------------------------------------------------------------

struct DelimiterCase {
  std::string_view source;
  std::string_view text;
  std::optional<std::string_view> expression;
};

class DelimiterTest : public ::testing::TestWithParam<DelimiterCase> {};

TEST_P(DelimiterTest, FindsTheExpression) {
  const DelimiterCase& c = GetParam();
  EXPECT_EQ(jsonata_expression_text(c.text), c.expression) << c.source;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DelimiterTest,
    ::testing::Values(
        DelimiterCase{"intrinsic_functions/test_parse__0", "{% $parse($states.input.FunctionInput) %}", "$parse($states.input.FunctionInput)"},
        DelimiterCase{"outputdecl/test_base_cases_BASE_LITERALS: blanks outside are a literal", " {% states.input %} ", std::nullopt},
        DelimiterCase{"outputdecl/test_base_cases_BASE_LITERALS", "$states.input", std::nullopt},
        DelimiterCase{"outputdecl/test_base_cases_BASE_LITERALS", "States.Format('Format:{}', 101)", std::nullopt},
        DelimiterCase{"third-party: no blank needed inside", "{%$x%}", "$x"},
        DelimiterCase{"infer: blanks inside are trimmed, new lines too", "{%\n  1 +\n 2\t%}", "1 +\n 2"},
        DelimiterCase{"infer: too short to hold both delimiters", "{%}", std::nullopt},
        DelimiterCase{"infer: an empty expression (does not compile)", "{%%}", ""},
        DelimiterCase{"infer: only an opening", "{% 1", std::nullopt}));

TEST(JsonataTemplate, ContainsJsonataAtAnyDepth) {
  EXPECT_TRUE(contains_jsonata(boost::json::parse(R"("{% 1 %}")")));
  EXPECT_TRUE(contains_jsonata(boost::json::parse(R"({"a":[1,{"b":"{% 1 %}"}]})")));
  EXPECT_FALSE(contains_jsonata(boost::json::parse(R"({"a":[1,{"b":" {% 1 %}"}],"{% k %}":2})")));
  EXPECT_FALSE(contains_jsonata(boost::json::parse("null")));
}

// ---- evaluation ----------------------------------------------------------------------------

struct TemplateCase {
  std::string_view source;
  std::string_view field_name;
  std::string_view field;   // JSON
  std::string_view input;   // $states.input
  std::string_view result;  // JSON; "" when the cause is expected
  std::string_view cause;
};

void PrintTo(const TemplateCase& c, std::ostream* os) { *os << c.source << ": " << c.field; }

class TemplateTest : public ::testing::TestWithParam<TemplateCase> {};

TEST_P(TemplateTest, EvaluatesAsAws) {
  const TemplateCase& c = GetParam();
  MapVariables variables;
  variables.set("var_constant_1", "1");
  variables.set("varname", R"({"varfield":"value"})");
  variables.set("ItemsVar", R"(["Item1","Item2"])");
  auto result = run_field(c.field, c.input, std::string(c.field_name), &variables);
  testing::expect_outcome(result, c.result, c.cause);
}

constexpr std::string_view kLiterals =
    R"({"constant_null":null,"constant_int":0,"constant_float":0.1,"constant_bool":true,)"
    R"("constant_not_jsonata":" {% states.input %} ","constant_varpath_states":"$states.input",)"
    R"("constant_jp_input.$":"$","constant_lst":[null,0,0.1,true,[],{"constant":0}," {% states.input %} "]})";

INSTANTIATE_TEST_SUITE_P(
    Values, TemplateTest,
    ::testing::Values(
        TemplateCase{"outputdecl/test_base_cases_BASE_LITERALS", "Output", kLiterals, "{}", kLiterals, ""},
        TemplateCase{"outputdecl/test_base_output_any_non_dict_NULL", "Output", "null", "{}", "null", ""},
        TemplateCase{"outputdecl/test_base_output_any_non_dict_STR_LIT", "Output", R"("string literal")", "{}", R"("string literal")", ""},
        TemplateCase{"outputdecl/test_base_output_any_non_dict_JSONATA_EXPR", "Output", R"("{% $states.input %}")",
                     R"({"input_value":"stringliteral"})", R"({"input_value":"stringliteral"})", ""},
        TemplateCase{"outputdecl/test_base_output_any_non_dict_LIST_RICH", "Output",
                     R"([null,0,0.1,true,"string",[],"$nosuchvar","$.no.such.path","{% $states.input %}",{"key":"{% true %}"}])",
                     R"({"input_value":"stringliteral"})",
                     R"([null,0,0.1,true,"string",[],"$nosuchvar","$.no.such.path",{"input_value":"stringliteral"},{"key":true}])", ""},
        TemplateCase{"outputdecl/test_base_cases_BASE_DIRECT_EXPR", "Output",
                     R"("{% $sum($states.input.input_values) + $var_constant_1 %}")",
                     R"({"input_value":"string literal","input_values":[1,2,3]})", "7", ""},
        TemplateCase{"assign/test_base_cases_BASE_CONSTANT_LITERALS", "Output", R"({"a":"{% $varname.varfield %}","b":"{% $varname %}"})",
                     "{}", R"({"a":"value","b":{"varfield":"value"}})", ""},
        TemplateCase{"scenarios/test_map_state_item_selector_MAP_STATE_ITEM_SELECTOR_JSONATA", "ItemSelector",
                     R"({"var_sample":"{% $ItemsVar %}","string_literal":"string literal"})", "{}",
                     R"({"var_sample":["Item1","Item2"],"string_literal":"string literal"})", ""},
        TemplateCase{"evaluate_jsonata/test_merge_with_dynamic_args", "Output",
                     R"("{% $merge([$states.input.part1, $states.input.part2]) %}")",
                     R"({"part1":{"hello":"world"},"part2":{"foo":"bar"}})", R"({"hello":"world","foo":"bar"})", ""},
        TemplateCase{"evaluate_jsonata/test_base_jsonata_regular_expressions_BASE", "Output",
                     R"("{% $contains(\"hello$world\", /^hello\\$/) %}")", "{}", "true", ""},
        TemplateCase{"scenarios/test_escape_sequence_parsing_ESCAPE_SEQUENCES_JSONATA_COMPARISON_OUTPUT", "Output",
                     R"("{% $states.input = '\"' %}")", R"("\"")", "true", ""},
        TemplateCase{"scenarios/test_choice_aws_docs_scenario_CHOICE_STATE_AWS_SCENARIO_JSONATA", "Condition",
                     R"("{% $states.input.value >= 20 and $states.input.value < 30 %}")", R"({"type":"Private","value":22})", "true", ""},
        TemplateCase{"scenarios/test_map_state_items_eval_jsonata_singleton", "Items", R"("{% [0] %}")", "{}", "[0]", ""},
        TemplateCase{"scenarios/test_map_state_items_eval_jsonata_empty", "Items", R"("{% [] %}")", "{}", "[]", ""},
        TemplateCase{"scenarios/test_map_state_items_eval_jsonata_mixed", "Items", R"("{% [1, 'two', 3] %}")", "{}", R"([1,"two",3])", ""},
        TemplateCase{"scenarios/test_map_state_items_input_array_singleton", "Items", R"("{% $states.input.items %}")",
                     R"({"items":[0]})", "[0]", ""},
        TemplateCase{"scenarios/test_map_state_items_input_array_empty", "Items", R"("{% $states.input.items %}")",
                     R"({"items":[]})", "[]", ""},
        TemplateCase{"infer: a JSON null is a value", "Output", R"({"v":"{% $states.input.bar %}"})", R"({"bar":null})", R"({"v":null})", ""},
        TemplateCase{"infer: each expression has its own frame", "Output", R"(["{% $x := 1 %}","{% $x %}"])", "{}", "",
                     "The JSONata expression '$x' specified for the field 'Output[1]' returned nothing (undefined)."},
        TemplateCase{"infer: keys are never expressions", "Output", R"({"{% 1 %}":"{% 2 %}"})", "{}", R"({"{% 1 %}":2})", ""},
        TemplateCase{"infer: integers of the input stay exact", "Output", R"({"n":"{% $states.input.n %}"})",
                     R"({"n":12345678901234567890})", R"({"n":12345678901234567890})", ""}));

INSTANTIATE_TEST_SUITE_P(
    Causes, TemplateTest,
    ::testing::Values(
        TemplateCase{"assign/test_undefined_reference_BASE_UNDEFINED_OUTPUT", "Output", R"("{% $doesNotExist %}")", "{}", "",
                     "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined)."},
        TemplateCase{"assign/test_undefined_reference_BASE_UNDEFINED_OUTPUT_FIELD", "Output", R"({"result":"{% $doesNotExist %}"})", "{}", "",
                     "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined)."},
        TemplateCase{"assign/test_undefined_reference_BASE_UNDEFINED_ASSIGN", "Assign", R"({"result":"{% $doesNotExist %}"})", "{}", "",
                     "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined)."},
        TemplateCase{"intrinsic_functions/test_math_random_seeded_2", "Output",
                     R"({"FunctionResult":"{% $randomSeeded($states.input.FunctionInput.fst) %}"})", R"({"FunctionInput":"fst"})", "",
                     "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field "
                     "'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function"},
        TemplateCase{"scenarios/test_map_state_items_eval_jsonata_fail_function", "Items", R"("{% $fn := function($x){$x} %}")", "{}", "",
                     "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type."},
        TemplateCase{"third-party: an element is named [i], nested members /key", "Output",
                     R"({"a":{"b":[1,"{% $states.input.absent %}"]}})", "{}", "",
                     "The JSONata expression '$states.input.absent' specified for the field 'Output/a/b[1]' returned nothing (undefined)."},
        TemplateCase{"third-party: the error stops at the first failing member, in order", "Output",
                     R"({"x":"{% 1 %}","y":"{% $nope1 %}","z":"{% $nope2 %}"})", "{}", "",
                     "The JSONata expression '$nope1' specified for the field 'Output/y' returned nothing (undefined)."},
        TemplateCase{"third-party (the form of T0412 on AWS)", "Output", R"("{% $uppercase(1) %}")", "{}", "",
                     "The JSONata expression '$uppercase(1)' specified for the field 'Output' threw an error during evaluation. "
                     "T0410: Argument 1 of function \"uppercase\" does not match function signature"}));

TEST(JsonataTemplate, UnexpectedResultTypeAsRecorded) {
  // scenarios/test_map_state_items_eval_jsonata_fail_* and …_variable_sampling_fail_*.
  struct Row {
    std::string_view expression, value, cause_tail;
  };
  const Row rows[] = {
      {"true", "true", "Expected 'array', but was 'boolean' for value: true"},
      {"null", "null", "Expected 'array', but was 'null' for value: null"},
      {"1", "1", "Expected 'array', but was 'number' for value: 1"},
      {"{'foo': 'bar'}", R"({"foo":"bar"})", R"(Expected 'array', but was 'object' for value: {"foo":"bar"})"},
      {"'string'", R"("string")", R"(Expected 'array', but was 'string' for value: "string")"},
      {"$ItemsVar", "true", "Expected 'array', but was 'boolean' for value: true"},
  };
  for (const Row& row : rows) {
    Failure f = QueryEvaluationError::unexpected_result_type(row.expression, "Items", "array", boost::json::parse(row.value));
    EXPECT_EQ(f.error, "States.QueryEvaluationError");
    EXPECT_EQ(f.cause, "The JSONata expression '" + std::string(row.expression) +
                           "' specified for the field 'Items' returned an unexpected result type. " + std::string(row.cause_tail));
  }
}

TEST(JsonataTemplate, StatesCarriesContextResultAndErrorOutput) {
  auto compiled = JsonataTemplate::compile(
      boost::json::parse(R"({"c":"{% $states.context.State.Name %}","r":"{% $states.result.x %}",)"
                         R"("e":"{% $states.errorOutput.Error %}","keys":"{% $keys($states) %}"})"),
      "Output");
  ASSERT_TRUE(compiled.has_value());
  JsonataBindings bindings;
  bindings.input = make_json(boost::json::parse("{}"));
  bindings.context = make_json(boost::json::parse(R"({"State":{"Name":"S"}})"));
  bindings.result = make_json(boost::json::parse(R"({"x":1})"));
  bindings.error_output = make_json(boost::json::parse(R"({"Error":"E","Cause":"C"})"));
  auto result = compiled->evaluate(bindings);
  ASSERT_TRUE(result.has_value()) << result.error().cause;
  EXPECT_EQ(**result, boost::json::parse(R"({"c":"S","r":1,"e":"E","keys":["input","context","result","errorOutput"]})"));

  // Without result and errorOutput, $states has neither (and reading one is undefined).
  JsonataBindings plain;
  plain.input = bindings.input;
  auto keys = JsonataTemplate::compile(boost::json::parse(R"("{% $keys($states) %}")"), "Output")->evaluate(plain);
  ASSERT_TRUE(keys.has_value()) << keys.error().cause;
  EXPECT_EQ(**keys, boost::json::parse(R"(["input","context"])"));
}

TEST(JsonataTemplate, SharesDocumentsInsteadOfCopying) {
  auto input = make_json(boost::json::parse(R"({"big":[1,2,3]})"));
  JsonataBindings bindings;
  bindings.input = input;
  auto whole = JsonataTemplate::compile(boost::json::parse(R"("{% $states.input %}")"), "Output");
  ASSERT_TRUE(whole.has_value());
  auto out = whole->evaluate(bindings);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->get(), input.get());  // the input itself

  MapVariables variables;
  variables.set("v", R"({"k":[1]})");
  bindings.variables = &variables;
  auto var = JsonataTemplate::compile(boost::json::parse(R"("{% $v %}")"), "Output")->evaluate(bindings);
  ASSERT_TRUE(var.has_value());
  EXPECT_EQ(var->get(), variables.find("v")->get());

  auto literal = JsonataTemplate::compile(boost::json::parse(R"({"a":[1,2]})"), "Output");
  ASSERT_TRUE(literal.has_value());
  EXPECT_TRUE(literal->is_literal());
  auto first = literal->evaluate(bindings);
  auto second = literal->evaluate(bindings);
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(first->get(), second->get());  // the compiled literal, shared
}

TEST(JsonataTemplate, RunawayExpressionsFailWithAwsCauses) {
  JsonataBindings bindings;
  bindings.input = make_json(boost::json::parse("{}"));
  std::string sum = "1";
  for (int i = 1; i < 200; ++i) sum += "+1";
  // third-party (floci #2737): 200 terms nest deeper than AWS's 100.
  auto deep = JsonataTemplate::compile(boost::json::value("{% " + sum + " %}"), "Output")->evaluate(bindings);
  ASSERT_FALSE(deep.has_value());
  EXPECT_EQ(deep.error().cause, "The JSONata expression '" + sum +
                                    "' specified for the field 'Output' threw an error during evaluation: Stack overflow "
                                    "error: Check for non-terminating recursive function. Consider rewriting as "
                                    "tail-recursive.");
  // A recursion without a base case fails the same way instead of overflowing the stack.
  auto recursion = JsonataTemplate::compile(boost::json::parse(R"("{% ($f := function($x){ 1 + $f($x) }; $f(1)) %}")"),
                                            "Output")->evaluate(bindings);
  ASSERT_FALSE(recursion.has_value());
  EXPECT_NE(recursion.error().cause.find("Stack overflow error"), std::string::npos) << recursion.error().cause;
  // A tail call loops without growing: the time guard ends it (shortened here from AWS's 5 s).
  bindings.limits.timeout = std::chrono::milliseconds(50);
  auto loop = JsonataTemplate::compile(boost::json::parse(R"("{% ($f := function($x){ $f($x + 1) }; $f(1)) %}")"),
                                       "Output")->evaluate(bindings);
  ASSERT_FALSE(loop.has_value());
  EXPECT_EQ(loop.error().cause, "The JSONata expression '($f := function($x){ $f($x + 1) }; $f(1))' specified for the "
                                "field 'Output' threw an error during evaluation: Expression evaluation timeout: Check "
                                "for infinite loop");
  EXPECT_EQ(loop.error().location, "Output");
}

TEST(JsonataTemplate, ExpressionTextOfAWholeField) {
  auto items = JsonataTemplate::compile(boost::json::parse(R"("{%  $states.input.items  %}")"), "Items");
  ASSERT_TRUE(items.has_value());
  EXPECT_EQ(items->expression_text(), "$states.input.items");
  EXPECT_EQ(items->field_name(), "Items");
  EXPECT_FALSE(items->is_literal());
  auto object = JsonataTemplate::compile(boost::json::parse(R"({"a":"{% 1 %}"})"), "Output");
  EXPECT_EQ(object->expression_text(), std::nullopt);
}

// ---- compile errors ------------------------------------------------------------------------

struct SyntaxCase {
  std::string_view source;
  std::string_view field;
  std::string_view location;  // given to compile ("" = default)
  std::string_view diagnostic;
};

class SyntaxErrorTest : public ::testing::TestWithParam<SyntaxCase> {};

// Refused at compile time: syntax errors with the parser's message, and expressions that read the
// context at their top level (UNSUPPORTED_JSONATA_EXPRESSION).
TEST_P(SyntaxErrorTest, IsRefusedWithAwsDiagnostic) {
  const SyntaxCase& c = GetParam();
  auto compiled = JsonataTemplate::compile(boost::json::parse(c.field), "Output", c.location);
  ASSERT_FALSE(compiled.has_value()) << c.field;
  EXPECT_EQ(compiled.error().to_string(), c.diagnostic);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SyntaxErrorTest,
    ::testing::Values(
        SyntaxCase{"third-party", R"("{% 1 + %}")", "/States/Main/Output",
                   "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output"},
        SyntaxCase{"third-party", R"("{% a[1,2) %}")", "/States/Main/Output",
                   "INVALID_JSONATA_EXPRESSION: Expected \"]\", got \",\" at /States/Main/Output"},
        SyntaxCase{"third-party", R"({"v":"{% \"unterminated %}"})", "/States/E/Output",
                   "INVALID_JSONATA_EXPRESSION: String literal must be terminated by a matching quote at /States/E/Output/v"},
        SyntaxCase{"infer: an element's location", R"([1,{"a":"{% $x := %}"}])", "",
                   "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /Output[1]/a"},
        SyntaxCase{"third-party: a name at the top level", R"({"v":"{% phone %}"})", "/States/E/Output",
                   "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/E/Output/v"},
        SyntaxCase{"third-party: $ is the context item", R"("{% $.a %}")", "/States/E/Output",
                   "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$' at the top level is not supported. at /States/E/Output"},
        SyntaxCase{"third-party: $$", R"("{% $$ %}")", "/States/E/Output",
                   "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$$' is not supported. at /States/E/Output"},
        SyntaxCase{"third-party: a lambda's body is at the top level", R"("{% $map($states.input.a, function($x){ b }) %}")",
                   "/States/E/Output",
                   "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'b' at the top level is not supported. at /States/E/Output"},
        SyntaxCase{"third-party: an object constructor's key", R"("{% {aaa: 1} %}")", "/States/E/Output",
                   "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'aaa' at the top level is not supported. at /States/E/Output"},
        SyntaxCase{"infer: the first reference in reading order", R"("{% $x := first + second %}")", "/S",
                   "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'first' at the top level is not supported. at /S"}));

TEST(JsonataTemplate, NamesAfterTheFirstStepAreNotTopLevel) {
  // Later steps, predicates, sort terms and group-by read the step before them [third-party].
  for (std::string_view field : {R"j("{% $states.input.items[value > 3]^(name).{kind: $count(x)} %}")j",
                                 R"j("{% $states.input.a.b.c %}")j", R"j("{% $v ~> $map(function($i){ $i.k }) %}")j",
                                 R"j("{% 'a' & \"b\" %}")j"}) {
    auto compiled = JsonataTemplate::compile(boost::json::parse(field), "Output");
    EXPECT_TRUE(compiled.has_value()) << field << ": " << compiled.error().to_string();
  }
}

}  // namespace
}  // namespace jobflow::asl
