#include "asl/path/reference_path.h"

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

// ResultPath, input, result -> expected output, or the expected failure cause.
struct ApplyCase {
  std::string path;
  std::string input;
  std::string result;
  std::string expected;
  std::string cause = {};
};

std::ostream& operator<<(std::ostream& os, const ApplyCase& c) {
  return os << c.path << " on " << c.input;
}

class ReferencePathApply : public testing::TestWithParam<ApplyCase> {};

TEST_P(ReferencePathApply, Applies) {
  const ApplyCase& c = GetParam();
  auto path = ReferencePath::parse(c.path, "ResultPath", "/States/S/ResultPath");
  ASSERT_TRUE(path) << path.error().to_string();
  JsonPtr input = json(c.input);
  std::string before = to_text(*input);
  auto out = path->apply(input, json(c.result));
  EXPECT_EQ(to_text(*input), before) << "the input must not change";
  if (!c.cause.empty()) {
    ASSERT_FALSE(out) << to_text(**out);
    EXPECT_EQ(out.error().error, "States.ReferencePathConflict");
    EXPECT_EQ(out.error().cause, c.cause);
    return;
  }
  ASSERT_TRUE(out) << out.error().cause;
  EXPECT_EQ(to_text(**out), to_text(*json(c.expected)));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReferencePathApply,
    testing::Values(
        ApplyCase{"$", R"({"a":1})", R"("r")", R"("r")"},
        ApplyCase{"$.r", R"({"a":1})", R"({"x":[1]})", R"({"a":1,"r":{"x":[1]}})"},
        ApplyCase{"$.a", R"({"a":1,"b":2})", "3", R"({"a":3,"b":2})"},
        ApplyCase{"$['a']", R"({"a":1})", "null", R"({"a":null})"},
        ApplyCase{"$[\"a b\"]", "{}", "1", R"({"a b":1})"},
        ApplyCase{"$.x.y.z", R"({"a":1})", "true", R"({"a":1,"x":{"y":{"z":true}}})"},
        ApplyCase{"$.a.y", R"({"a":{"k":0}})", "2", R"({"a":{"k":0,"y":2}})"},
        ApplyCase{"$.list[1]", R"({"list":[1,2,3]})", R"("two")", R"({"list":[1,"two",3]})"},
        ApplyCase{"$.list[0].v", R"({"list":[{"v":0,"w":1}]})", "9",
                  R"({"list":[{"v":9,"w":1}]})"},
        ApplyCase{"$[0]", "[1,2]", "7", "[7,2]"},
        // Conflicts: AWS fails with States.ReferencePathConflict.
        ApplyCase{"$.partitioned", R"("{\"min\":1}")", "1", "",
                  R"(Unable to apply ReferencePath $.partitioned to input "{\"min\":1}")"},
        ApplyCase{"$.a.b", R"({"a":"s"})", "1", "",
                  R"(Unable to apply ReferencePath $.a.b to input {"a":"s"})"},
        ApplyCase{"$.a.b", R"({"a":null})", "1", "",
                  R"(Unable to apply ReferencePath $.a.b to input {"a":null})"},
        ApplyCase{"$.list[5]", R"({"list":[1]})", "1", "",
                  R"(Unable to apply ReferencePath $.list[5] to input {"list":[1]})"},
        ApplyCase{"$.no[0]", "{}", "1", "", "Unable to apply ReferencePath $.no[0] to input {}"},
        ApplyCase{"$.a[0]", R"({"a":{}})", "1", "",
                  R"(Unable to apply ReferencePath $.a[0] to input {"a":{}})"},
        ApplyCase{"$.a", "[1]", "1", "", "Unable to apply ReferencePath $.a to input [1]"}));

TEST(ReferencePath, DollarReturnsTheResultItself) {
  JsonPtr result = json(R"({"big":[1,2,3]})");
  auto out = ReferencePath::parse("$")->apply(json("{}"), result);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->get(), result.get());
}

TEST(ReferencePath, RejectsNonReferencePaths) {
  for (const char* text : {"", "a", "$.", "$..a", "$.a.*", "$[*]", "$.a[0,1]", "$.a[1:]",
                           "$.a[?(@.x)]", "$$.a", "$.a[-1]", "$['a'", "$[x]", "$.a.length()"}) {
    auto path = ReferencePath::parse(text, "ResultPath", "/States/S/ResultPath");
    ASSERT_FALSE(path) << text;
    EXPECT_EQ(path.error().to_string(),
              "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid "
              "ReferencePath at /States/S/ResultPath");
  }
  EXPECT_EQ(ReferencePath::parse("$.a['b'][0]")->text(), "$.a['b'][0]");
}

}  // namespace
}  // namespace jobflow::asl
