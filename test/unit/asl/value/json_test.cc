#include "asl/value/json.h"

#include <gtest/gtest.h>

namespace jobflow::asl {
namespace {

struct TextCase {
  const char* json;
  const char* text;
};

// Jackson's output for values parsed from JSON text.
TEST(JsonText, WritesLikeJackson) {
  const TextCase cases[] = {
      {R"({"b":1,"a":[true,null,"x"]})", R"({"b":1,"a":[true,null,"x"]})"},
      {"1.5", "1.5"},
      {"1.0", "1.0"},
      {"100.25", "100.25"},
      {"0.001", "0.001"},
      {"0.0001", "1.0E-4"},
      {"12345678.9", "1.23456789E7"},
      {"1e7", "1.0E7"},
      {"-2.5", "-2.5"},
      {"-0.0", "-0.0"},
      {"9223372036854775807", "9223372036854775807"},
      {R"("a/b\u0001\"")", R"("a/b\u0001\"")"},
      {R"("é")", R"("é")"},
  };
  for (const auto& c : cases) {
    auto value = parse_json(c.json);
    ASSERT_TRUE(value) << c.json;
    EXPECT_EQ(to_text(*value), c.text) << c.json;
  }
}

TEST(JsonEqual, NumbersByValueObjectsByKeys) {
  EXPECT_TRUE(json_equal(*parse_json("1"), *parse_json("1.0")));
  EXPECT_TRUE(json_equal(*parse_json("0"), *parse_json("-0.0")));
  EXPECT_TRUE(json_equal(*parse_json(R"({"a":1,"b":[2]})"), *parse_json(R"({"b":[2.0],"a":1})")));
  EXPECT_FALSE(json_equal(*parse_json("1"), *parse_json("\"1\"")));
  EXPECT_FALSE(json_equal(*parse_json("[1,2]"), *parse_json("[2,1]")));
  EXPECT_FALSE(json_equal(*parse_json(R"({"a":1})"), *parse_json(R"({"a":1,"b":2})")));
}

TEST(JsonPtr, AliasKeepsTheDocumentAlive) {
  JsonPtr inner;
  {
    auto doc = parse_json(R"({"a":{"b":[1,2,3]}})");
    inner = alias(doc, doc->at("a").at("b"));
  }
  EXPECT_EQ(to_text(*inner), "[1,2,3]");
  EXPECT_FALSE(parse_json("{nope"));
}

}  // namespace
}  // namespace jobflow::asl

namespace jobflow::asl {
namespace {

TEST(JsonTextSize, CountsWhatToTextWrites) {
  for (const char* text : {R"({"a":[1,2.5,"x\n\u0001"],"b":{},"c":[],"d":null,"e":true})", "\"\"", "-0.0", "123456789012"}) {
    auto value = parse_json(text);
    ASSERT_TRUE(value) << text;
    EXPECT_EQ(json_text_size(*value, 1u << 30), to_text(*value).size()) << text;
  }
  auto big = parse_json(R"(["aaaaaaaaaa","bbbbbbbbbb","cccccccccc"])");
  EXPECT_GT(json_text_size(*big, 5), 5u);
}

}  // namespace
}  // namespace jobflow::asl
