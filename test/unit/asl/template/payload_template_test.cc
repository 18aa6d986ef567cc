#include "asl/template/payload_template.h"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "asl/value/json.h"

namespace jobflow::asl {
namespace {

JsonPtr json(std::string_view text) {
  JsonPtr value = parse_json(text);
  EXPECT_TRUE(value) << "bad test JSON: " << text;
  return value ? value : json_null();
}

// A template, an input, and the expected output or the expected States.Runtime cause.
struct EvalCase {
  std::string name;
  std::string templ;
  std::string input;
  std::string expected;
  std::string cause = {};
};

std::ostream& operator<<(std::ostream& os, const EvalCase& c) { return os << c.name; }

class PayloadTemplateEval : public testing::TestWithParam<EvalCase> {};

TEST_P(PayloadTemplateEval, Evaluates) {
  const EvalCase& c = GetParam();
  auto compiled = PayloadTemplate::compile(*json(c.templ), "Parameters", "/States/S/Parameters");
  ASSERT_TRUE(compiled) << compiled.error().to_string();
  JsonPtr input = json(c.input);
  Scope scope{.input = input,
              .context = make_json(boost::json::object{{"Execution", {{"Input", *input}}}})};
  auto out = compiled->evaluate(scope);
  if (!c.cause.empty()) {
    ASSERT_FALSE(out) << to_text(**out);
    EXPECT_EQ(out.error().error, "States.Runtime");
    EXPECT_EQ(out.error().cause, c.cause);
    return;
  }
  ASSERT_TRUE(out) << out.error().error << ": " << out.error().cause;
  EXPECT_EQ(to_text(**out), to_text(*json(c.expected)));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PayloadTemplateEval,
    testing::Values(
        EvalCase{"literal_only", R"({"a":1,"b":[{"c":"d"}]})", "{}", R"({"a":1,"b":[{"c":"d"}]})"},
        EvalCase{"path", R"({"v.$":"$.x","k":"lit"})", R"({"x":[1,2]})", R"({"v":[1,2],"k":"lit"})"},
        EvalCase{"whole_input", R"({"all.$":"$"})", R"({"x":1})", R"({"all":{"x":1}})"},
        EvalCase{"null_value", R"({"v.$":"$.n"})", R"({"n":null})", R"({"v":null})"},
        EvalCase{"nested", R"({"a":{"b":{"c.$":"$.x"},"lit":true}})", R"({"x":"y"})",
                 R"({"a":{"b":{"c":"y"},"lit":true}})"},
        EvalCase{"inside_array", R"({"list":[1,{"v.$":"$.x"},[{"w.$":"$.x"}]]})", R"({"x":2})",
                 R"({"list":[1,{"v":2},[{"w":2}]]})"},
        EvalCase{"key_order_kept", R"({"z":0,"m.$":"$.x","a":1})", R"({"x":9})",
                 R"({"z":0,"m":9,"a":1})"},
        EvalCase{"context", R"({"in.$":"$$.Execution.Input.x"})", R"({"x":5})", R"({"in":5})"},
        EvalCase{"indefinite", R"({"v.$":"$.items[*].id"})", R"({"items":[{"id":1},{"id":2}]})",
                 R"({"v":[1,2]})"},
        EvalCase{"indefinite_empty", R"({"v.$":"$.items[*]"})", "{}", R"({"v":[]})"},
        // Recorded on AWS (base/test_json_path_array_access_*).
        EvalCase{"array_access", R"({"item.$":"$.items[1]"})",
                 R"({"items":[{"item_key":0},{"item_key":1}]})", R"({"item":{"item_key":1}})"},
        // Recorded on AWS: "dollar" keys that are not templates stay as they are in Result, but
        // a literal string with "$" in a plain key is just a string.
        EvalCase{"plain_dollar_string", R"({"v":"$.x"})", R"({"x":1})", R"({"v":"$.x"})"},
        EvalCase{"intrinsic", R"j({"v.$":"States.Format('a{}b', $.x)"})j", R"({"x":1})",
                 R"({"v":"a1b"})"},
        EvalCase{"intrinsic_array", R"j({"v.$":"States.Array($.x, 'k')"})j", R"({"x":1})",
                 R"({"v":[1,"k"]})"},
        // Recorded on AWS (scenarios/test_invalid_jsonpath_*): the detail of the cause.
        EvalCase{"missing_path", R"({"value.$":"$.no_such_jsonpath"})", R"({"int-literal":0})", "",
                 "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not "
                 "be found in the input '{\"int-literal\":0}'"},
        EvalCase{"missing_context_path", R"({"value.$":"$$.Execution.Input.no_such_jsonpath"})",
                 R"({"int-literal":0})", "",
                 "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field "
                 "'value.$' could not be found in the input '{\"int-literal\":0}'"},
        EvalCase{"missing_nested", R"({"a":[{"b.$":"$.x.y"}]})", R"({"x":{}})", "",
                 "The JSONPath '$.x.y' specified for the field 'b.$' could not be found in the "
                 "input '{\"x\":{}}'"}));

TEST(PayloadTemplate, ConstantTemplateIsSharedNotRebuilt) {
  auto compiled = PayloadTemplate::compile(*json(R"({"a":[1,2,3]})"), "Parameters", "/x");
  ASSERT_TRUE(compiled);
  Scope scope{.input = json("{}")};
  auto first = compiled->evaluate(scope);
  auto second = compiled->evaluate(scope);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->get(), second->get());
}

TEST(PayloadTemplate, VariablesAreReadable) {
  struct Vars : Variables {
    JsonPtr value = parse_json(R"({"n":3})");
    const JsonPtr* find(std::string_view name) const override {
      return name == "myVar" ? &value : nullptr;
    }
  } vars;
  auto compiled = PayloadTemplate::compile(*json(R"({"v.$":"$myVar.n"})"), "Parameters", "/x");
  ASSERT_TRUE(compiled) << compiled.error().to_string();
  auto out = compiled->evaluate(Scope{.input = json("{}"), .variables = &vars});
  ASSERT_TRUE(out);
  EXPECT_EQ(to_text(**out), R"({"v":3})");
}

// Templates CreateStateMachine must refuse, with the diagnostic.
struct CompileErrorCase {
  std::string templ;
  std::string message;
};

class PayloadTemplateCompileError : public testing::TestWithParam<CompileErrorCase> {};

TEST_P(PayloadTemplateCompileError, Refuses) {
  const CompileErrorCase& c = GetParam();
  auto compiled =
      PayloadTemplate::compile(*json(c.templ), "Parameters", "/States/IntrinsicEscape/Parameters");
  ASSERT_FALSE(compiled) << c.templ;
  EXPECT_EQ(compiled.error().code, "SCHEMA_VALIDATION_FAILED");
  EXPECT_EQ(compiled.error().message, c.message);
  EXPECT_EQ(compiled.error().location, "/States/IntrinsicEscape/Parameters");
}

constexpr const char* kInvalidX =
    "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call";

INSTANTIATE_TEST_SUITE_P(
    Cases, PayloadTemplateCompileError,
    testing::Values(
        CompileErrorCase{R"({"x.$": 1})", kInvalidX},
        CompileErrorCase{R"({"x.$": null})", kInvalidX},
        CompileErrorCase{R"({"x.$": {"a":"$.b"}})", kInvalidX},
        CompileErrorCase{R"({"x.$": "no path"})", kInvalidX},
        CompileErrorCase{R"({"x.$": "$.a["})", kInvalidX},
        CompileErrorCase{R"({"a":[{"x.$": "$$."}]})", kInvalidX},
        // Recorded on AWS (intrinsic_functions: \" is not an escape in intrinsic strings).
        CompileErrorCase{R"j({"parsed.$": "States.Format('He said, \\\"Hello, {}!\\\"', 'T')"})j",
                         "The value for the field 'parsed.$' must be a valid JSONPath or a valid "
                         "intrinsic function call"},
        CompileErrorCase{R"({"x": 1, "x.$": "$.a"})",
                         "The field 'x' and the field 'x.$' cannot both be specified"},
        CompileErrorCase{R"({"n": {"x.$": "$.a", "x": 1}})",
                         "The field 'x' and the field 'x.$' cannot both be specified"}));

}  // namespace
}  // namespace jobflow::asl
