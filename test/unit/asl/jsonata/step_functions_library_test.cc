// The six functions Step Functions adds to JSONata, and $eval's absence, evaluated as an `Output`
// field. `source` names the corpus case (../shared/conformance/sfn/<category>/<case>.json) a row
// restates, "States.Hash …" where the JSONPath intrinsic's recording pins the same digest,
// "third-party" for behaviour measured against AWS by another emulator (see README.md), "infer"
// for ours.

#include <cmath>
#include <regex>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "asl/jsonata/step_functions_library.h"
#include "jsonata/api/expression.h"
#include "jsonata/value/json_output.h"
#include "template_runner.h"

namespace jobflow::asl {
namespace {

using testing::expression_field;
using testing::run_field;

struct FunctionCase {
  std::string_view source;
  std::string_view expression;
  std::string_view input;   // $states.input
  std::string_view result;  // JSON; "" when the cause is expected
  std::string_view cause;   // the whole States.QueryEvaluationError cause (without the state prefix)
};

void PrintTo(const FunctionCase& c, std::ostream* os) { *os << c.source << ": " << c.expression; }

class StepFunctionsLibraryTest : public ::testing::TestWithParam<FunctionCase> {};

TEST_P(StepFunctionsLibraryTest, AnswersAsAws) {
  const FunctionCase& c = GetParam();
  auto result = run_field(expression_field(c.expression), c.input);
  testing::expect_outcome(result, c.result, c.cause);
}

constexpr std::string_view kPartition =
    "$partition($states.input.FunctionInput.fst, $states.input.FunctionInput.snd)";
constexpr std::string_view kRange =
    "$range($states.input.FunctionInput.fst, $states.input.FunctionInput.snd, $states.input.FunctionInput.trd)";
constexpr std::string_view kParse = "$parse($states.input.FunctionInput)";
constexpr std::string_view kHash = "$hash($states.input.FunctionInput.fst, $states.input.FunctionInput.snd)";

INSTANTIATE_TEST_SUITE_P(
    Partition, StepFunctionsLibraryTest,
    ::testing::Values(
        FunctionCase{"intrinsic_functions/test_array_partition__0_2", kPartition, R"({"FunctionInput":{"fst":[0],"snd":1}})", "[[0]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__1_2", kPartition, R"({"FunctionInput":{"fst":[0],"snd":2}})", "[[0]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__2_2", kPartition, R"({"FunctionInput":{"fst":[0],"snd":3}})", "[[0]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__3_2", kPartition, R"({"FunctionInput":{"fst":[0],"snd":4}})", "[[0]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__4_2", kPartition, R"({"FunctionInput":{"fst":[0],"snd":5}})", "[[0]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__5_2", kPartition, R"({"FunctionInput":{"fst":[0,1],"snd":1}})", "[[0],[1]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__6_2", kPartition, R"({"FunctionInput":{"fst":[0,1],"snd":2}})", "[[0,1]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__7_2", kPartition, R"({"FunctionInput":{"fst":[0,1],"snd":3}})", "[[0,1]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__8_2", kPartition, R"({"FunctionInput":{"fst":[0,1],"snd":4}})", "[[0,1]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__9_2", kPartition, R"({"FunctionInput":{"fst":[0,1],"snd":5}})", "[[0,1]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__10_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2],"snd":1}})", "[[0],[1],[2]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__11_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2],"snd":2}})", "[[0,1],[2]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__12_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2],"snd":3}})", "[[0,1,2]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__13_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2],"snd":4}})", "[[0,1,2]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__14_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2],"snd":5}})", "[[0,1,2]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__15_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2,3],"snd":1}})", "[[0],[1],[2],[3]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__16_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2,3],"snd":2}})", "[[0,1],[2,3]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__17_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2,3],"snd":3}})", "[[0,1,2],[3]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__18_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2,3],"snd":4}})", "[[0,1,2,3]]", ""},
        FunctionCase{"intrinsic_functions/test_array_partition__19_2", kPartition, R"({"FunctionInput":{"fst":[0,1,2,3],"snd":5}})", "[[0,1,2,3]]", ""},
        FunctionCase{"third-party: non-integer size rounds towards zero", "$partition([1,2,3,4,5], 2.9)", "{}", "[[1,2],[3,4],[5]]", ""},
        FunctionCase{"third-party: chunk size 0 is undefined", "$partition([1,2], 0)",
                     "{}", "", "The JSONata expression '$partition([1,2], 0)' specified for the field 'Output' returned nothing (undefined)."},
        FunctionCase{"third-party: an empty array is undefined", "$partition([], 2)",
                     "{}", "", "The JSONata expression '$partition([], 2)' specified for the field 'Output' returned nothing (undefined)."},
        FunctionCase{"infer: a single value is a one-item array (signature a)", "$partition(7, 2)", "{}", "[[7]]", ""},
        FunctionCase{"infer: signature check", "$partition([1], 'x')", "{}", "",
                     "The JSONata expression '$partition([1], 'x')' specified for the field 'Output' threw an error during "
                     "evaluation. T0410: Argument 2 of function \"partition\" does not match function signature"}));

INSTANTIATE_TEST_SUITE_P(
    Range, StepFunctionsLibraryTest,
    ::testing::Values(
        FunctionCase{"intrinsic_functions/test_array_range__0_2", kRange, R"({"FunctionInput":{"fst":0,"snd":9,"trd":3}})", "[0,3,6,9]", ""},
        FunctionCase{"intrinsic_functions/test_array_range__1_2", kRange, R"({"FunctionInput":{"fst":0,"snd":10,"trd":3}})", "[0,3,6,9]", ""},
        FunctionCase{"intrinsic_functions/test_array_range__2_2", kRange, R"({"FunctionInput":{"fst":1,"snd":9,"trd":9}})", "1", ""},
        FunctionCase{"intrinsic_functions/test_array_range__3_2", kRange, R"({"FunctionInput":{"fst":1,"snd":9,"trd":2}})", "[1,3,5,7,9]", ""},
        FunctionCase{"third-party: a negative step counts down", "$range(10, 0, -5)", "{}", "[10,5,0]", ""},
        FunctionCase{"third-party: non-integers round towards zero", "$range(-1.7, 2, 1)", "{}", "[-1,0,1,2]", ""},
        FunctionCase{"third-party: a step against the direction is undefined", "$range(5, 1, 1)", "{}", "",
                     "The JSONata expression '$range(5, 1, 1)' specified for the field 'Output' returned nothing (undefined)."},
        FunctionCase{"third-party: no step is undefined", "$range(1, 5)", "{}", "",
                     "The JSONata expression '$range(1, 5)' specified for the field 'Output' returned nothing (undefined)."},
        FunctionCase{"third-party: more than 360,145 items", "$count($range(1, 360146, 1))", "{}", "",
                     "The JSONata expression '$count($range(1, 360146, 1))' specified for the field 'Output' threw an error "
                     "during evaluation: Expression evaluation memory limit exceeded: Check for excessive memory usage"},
        FunctionCase{"third-party: 360,145 items", "$count($range(1, 360145, 1))", "{}", "360145", ""},
        FunctionCase{"infer: inside an array constructor", "[$range(1, 1, 1)]", "{}", "[1]", ""}));

INSTANTIATE_TEST_SUITE_P(
    Parse, StepFunctionsLibraryTest,
    ::testing::Values(
        FunctionCase{"intrinsic_functions/test_parse__0", kParse, R"({"FunctionInput":"-0"})", "0", ""},
        FunctionCase{"intrinsic_functions/test_parse__1", kParse, R"({"FunctionInput":"1"})", "1", ""},
        FunctionCase{"intrinsic_functions/test_parse__2", kParse, R"({"FunctionInput":"1.1"})", "1.1", ""},
        FunctionCase{"intrinsic_functions/test_parse__3", kParse, R"({"FunctionInput":"true"})", "true", ""},
        FunctionCase{"intrinsic_functions/test_parse__4", kParse, R"({"FunctionInput":"\"HelloWorld\""})", "\"HelloWorld\"", ""},
        FunctionCase{"intrinsic_functions/test_parse__5", kParse, R"({"FunctionInput":"[1, 2, \"HelloWorld\"]"})", "[1,2,\"HelloWorld\"]", ""},
        FunctionCase{"intrinsic_functions/test_parse__6", kParse, R"({"FunctionInput":"{\"Arg1\": 1, \"Arg2\": []}"})", "{\"Arg1\":1,\"Arg2\":[]}", ""},
        FunctionCase{"third-party: integers stay exact (a long)", "$parse('[9007199254740993]')", "{}", "[9007199254740993]", ""},
        FunctionCase{"infer: a path into the parsed value", "$parse('{\"a\":{\"b\":[1,2]}}').a.b[1]", "{}", "2", ""},
        FunctionCase{"infer: text that is not JSON", "$parse('{')", "{}", "",
                     "The JSONata expression '$parse('{')' specified for the field 'Output' threw an error during "
                     "evaluation: The input string is not valid JSON: {"}));

INSTANTIATE_TEST_SUITE_P(
    Hash, StepFunctionsLibraryTest,
    ::testing::Values(
        FunctionCase{"States.Hash: intrinsic_functions/test_hash__0", kHash, R"({"FunctionInput":{"fst":"input data","snd":"MD5"}})", "\"812f45842bc6d66ee14572ce20db8e86\"", ""},
        FunctionCase{"States.Hash: intrinsic_functions/test_hash__1", kHash, R"({"FunctionInput":{"fst":"input data","snd":"SHA-1"}})", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"", ""},
        FunctionCase{"States.Hash: intrinsic_functions/test_hash__2", kHash, R"({"FunctionInput":{"fst":"input data","snd":"SHA-256"}})", "\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"", ""},
        FunctionCase{"States.Hash: intrinsic_functions/test_hash__3", kHash, R"({"FunctionInput":{"fst":"input data","snd":"SHA-384"}})", "\"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562\"", ""},
        FunctionCase{"States.Hash: intrinsic_functions/test_hash__4", kHash, R"({"FunctionInput":{"fst":"input data","snd":"SHA-512"}})", "\"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4\"", ""},
        FunctionCase{"third-party: no algorithm is undefined", "$hash('x')", "{}", "",
                     "The JSONata expression '$hash('x')' specified for the field 'Output' returned nothing (undefined)."},
        FunctionCase{"third-party: names are case-sensitive; infer: the text", "$hash('x', 'sha-256')", "{}", "",
                     "The JSONata expression '$hash('x', 'sha-256')' specified for the field 'Output' threw an error during "
                     "evaluation: The hash algorithm 'sha-256' is not supported. Supported algorithms: MD5, SHA-1, SHA-256, "
                     "SHA-384, SHA-512"}));

INSTANTIATE_TEST_SUITE_P(
    RandomAndEval, StepFunctionsLibraryTest,
    ::testing::Values(
        // java.util.Random(42).nextDouble() and java.util.Random(0).nextDouble().
        FunctionCase{"infer: java.util.Random(seed)", "$random(42)", "{}", "0.7275636800328681", ""},
        FunctionCase{"infer: java.util.Random(seed)", "$random(0)", "{}", "0.730967787376657", ""},
        FunctionCase{"third-party: the seed rounds towards zero", "$random(42.9) = $random(42)", "{}", "true", ""},
        FunctionCase{"intrinsic_functions/test_math_random_seeded_2 (an unknown function)", "$randomSeeded($states.input.FunctionInput.fst)",
                     R"({"FunctionInput":"fst"})", "",
                     "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output' "
                     "threw an error during evaluation. T1006: Attempted to invoke a non-function"},
        FunctionCase{"third-party: $eval is not available", "$eval(\"1+1\")", "{}", "",
                     "The JSONata expression '$eval(\"1+1\")' specified for the field 'Output' threw an error during "
                     "evaluation. T1006: Attempted to invoke a non-function"},
        FunctionCase{"infer: asl/ has no randomness of its own", "$random()", "{}", "",
                     "The JSONata expression '$random()' specified for the field 'Output' threw an error during "
                     "evaluation: The function $random has no source of randomness"},
        FunctionCase{"infer: asl/ has no randomness of its own", "$uuid()", "{}", "",
                     "The JSONata expression '$uuid()' specified for the field 'Output' threw an error during "
                     "evaluation: The function $uuid has no source of randomness"},
        FunctionCase{"the standard library is still there", "$sum([1,2]) & $uppercase('a')", "{}", "\"3A\"", ""}));

TEST(StepFunctionsLibrary, RandomDrawsFromTheInjectedSource) {
  testing::CountingRandom random;
  auto result = run_field(R"({"a":"{% $random() %}","b":"{% $random() %}"})", "{}", "Output", nullptr, &random);
  ASSERT_TRUE(result.has_value()) << result.error().cause;
  const double a = (*result)->at("a").as_double();
  const double b = (*result)->at("b").as_double();
  EXPECT_GE(a, 0.0);
  EXPECT_LT(a, 1.0);
  EXPECT_GE(b, 0.0);
  EXPECT_LT(b, 1.0);
  EXPECT_NE(a, b);
}

TEST(StepFunctionsLibrary, UuidIsVersion4) {
  testing::CountingRandom random;
  auto result = run_field(R"(["{% $uuid() %}","{% $uuid() %}"])", "{}", "Output", nullptr, &random);
  ASSERT_TRUE(result.has_value()) << result.error().cause;
  const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (const auto& item : (*result)->as_array()) {
    EXPECT_TRUE(std::regex_match(std::string(item.as_string()), v4)) << item;
  }
  EXPECT_NE((*result)->as_array()[0], (*result)->as_array()[1]);
}

TEST(StepFunctionsLibrary, IsBuiltOnceOverTheStandardLibrary) {
  EXPECT_EQ(step_functions_library(), step_functions_library());
  EXPECT_TRUE(step_functions_library()->lookup("partition").is_function());
  EXPECT_TRUE(step_functions_library()->lookup("sum").is_function());
  EXPECT_TRUE(step_functions_library()->lookup("eval").is_undefined());
}

TEST(StepFunctionsLibrary, ParseWithoutAScopeBuildsOwnedValues) {
  // Expression::evaluate runs over the standard library only: bind the functions as variables.
  auto expression = jsonata::Expression::compile("$parse('{\"a\":[1,2.5,\"x\",null,true]}')");
  ASSERT_TRUE(expression.has_value());
  auto result = expression->evaluate(jsonata::Value(), {{"parse", step_functions_library()->lookup("parse")}});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(*jsonata::to_json(*result), boost::json::parse(R"({"a":[1,2.5,"x",null,true]})"));
}

}  // namespace
}  // namespace jobflow::asl
