#include "asl/intrinsic/intrinsic.h"

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "asl/intrinsic/java_compat.h"
#include "asl/value/json.h"

namespace jobflow::asl {
namespace {

// Variables visible to a call, from a JSON object.
class ObjectVariables : public Variables {
 public:
  explicit ObjectVariables(const Json& object) {
    for (const auto& member : object.get_object()) {
      values_.emplace(std::string(member.key()), make_json(member.value()));
    }
  }
  const JsonPtr* find(std::string_view name) const override {
    auto it = values_.find(std::string(name));
    return it == values_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, JsonPtr> values_;
};

// Returns the given values in turn, then repeats the last one.
class FixedRandom : public Random {
 public:
  explicit FixedRandom(std::vector<std::uint64_t> values) : values_(std::move(values)) {}
  std::uint64_t next() override {
    std::uint64_t value = values_[std::min(index_, values_.size() - 1)];
    ++index_;
    return value;
  }

 private:
  std::vector<std::uint64_t> values_;
  std::size_t index_ = 0;
};

Json load(const std::string& name) {
  std::ifstream in(std::string(JOBFLOW_TEST_DATA) + "/asl/intrinsic/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  JsonPtr parsed = parse_json(buffer.str());
  if (parsed == nullptr) {
    ADD_FAILURE() << "cannot read " << name;
    return Json();
  }
  return *parsed;
}

std::string text_of(const Json& value) {
  const auto& s = value.get_string();
  return {s.data(), s.size()};
}

// Runs one data case: {call, input, context?, variables?} -> output | error + cause | invalid.
void run_case(const boost::json::object& c) {
  std::string name = text_of(c.at("name"));
  std::string call = text_of(c.at("call"));
  SCOPED_TRACE(name + ": " + call);
  auto parsed = Intrinsic::parse(call, "value.$", "/States/S/Parameters");
  if (c.contains("invalid")) {
    ASSERT_FALSE(parsed.has_value()) << "parsed, but AWS rejects it";
    EXPECT_EQ(parsed.error().to_string(),
              "SCHEMA_VALIDATION_FAILED: The value for the field 'value.$' must be a valid "
              "JSONPath or a valid intrinsic function call at /States/S/Parameters");
    return;
  }
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_EQ(parsed->text(), call);

  std::unique_ptr<ObjectVariables> variables;
  if (c.contains("variables")) variables = std::make_unique<ObjectVariables>(c.at("variables"));
  FixedRandom random({0x0123456789abcdefULL});
  Scope scope;
  scope.input = make_json(c.at("input"));
  scope.context =
      c.contains("context") ? make_json(c.at("context")) : make_json(boost::json::object());
  scope.variables = variables.get();
  scope.random = &random;

  auto result = parsed->evaluate(scope);
  if (c.contains("output")) {
    ASSERT_TRUE(result.has_value()) << result.error().error << ": " << result.error().cause;
    EXPECT_EQ(to_text(**result), to_text(c.at("output")));
    return;
  }
  ASSERT_FALSE(result.has_value()) << "succeeded with " << to_text(**result);
  EXPECT_EQ(result.error().error, text_of(c.at("error")));
  if (c.contains("cause")) {
    EXPECT_EQ(result.error().cause, text_of(c.at("cause")));
  }
}

TEST(IntrinsicCorpus, EveryGeneratedCorpusCase) {
  Json cases = load("corpus_cases.json");
  ASSERT_TRUE(cases.is_array());
  EXPECT_EQ(cases.get_array().size(), 122u);
  for (const auto& c : cases.get_array()) run_case(c.get_object());
}

TEST(IntrinsicCases, EveryHandWrittenCase) {
  Json data = load("cases.json");
  ASSERT_TRUE(data.is_object());
  const auto& cases = data.at("cases").get_array();
  EXPECT_GE(cases.size(), 100u);
  for (const auto& c : cases) run_case(c.get_object());
}

TEST(Intrinsic, LooksLikeCall) {
  EXPECT_TRUE(Intrinsic::looks_like_call("States.Format('x')"));
  EXPECT_TRUE(Intrinsic::looks_like_call("  \tStates.Array()"));
  EXPECT_FALSE(Intrinsic::looks_like_call("$.a"));
  EXPECT_FALSE(Intrinsic::looks_like_call("States"));
  EXPECT_FALSE(Intrinsic::looks_like_call("x States.Array()"));
}

TEST(Intrinsic, DiagnosticCarriesFieldAndLocation) {
  auto parsed =
      Intrinsic::parse("States.Format('\\\"')", "parsed.$", "/States/IntrinsicEscape/Parameters");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, "SCHEMA_VALIDATION_FAILED");
  EXPECT_EQ(parsed.error().message,
            "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic "
            "function call");
  EXPECT_EQ(parsed.error().location, "/States/IntrinsicEscape/Parameters");
}

TEST(Intrinsic, MissingPathWithoutFieldName) {
  auto parsed = Intrinsic::parse("States.Array($.x)");
  ASSERT_TRUE(parsed.has_value());
  Scope scope;
  scope.input = make_json(boost::json::object());
  auto result = parsed->evaluate(scope);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().error, "States.Runtime");
  EXPECT_EQ(result.error().cause, "The JSONPath '$.x' could not be found in the input '{}'");
}

TEST(Intrinsic, ArrayGetItemSharesTheInput) {
  auto parsed = Intrinsic::parse("States.ArrayGetItem($.a, 1)");
  ASSERT_TRUE(parsed.has_value());
  Scope scope;
  scope.input = parse_json(R"({"a": [1, {"big": [1, 2, 3]}]})");
  auto result = parsed->evaluate(scope);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->get(), &scope.input->at("a").get_array()[1]);
}

TEST(Intrinsic, UuidIsVersion4FromTheRandomSource) {
  auto parsed = Intrinsic::parse("States.UUID()");
  ASSERT_TRUE(parsed.has_value());
  FixedRandom random({0xFFFFFFFFFFFFFFFFULL, 0x0ULL});
  Scope scope;
  scope.input = make_json(boost::json::object());
  scope.random = &random;
  auto result = parsed->evaluate(scope);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(to_text(**result), "\"ffffffff-ffff-4fff-8000-000000000000\"");

  FixedRandom other({0x0123456789abcdefULL, 0xfedcba9876543210ULL});
  scope.random = &other;
  result = parsed->evaluate(scope);
  ASSERT_TRUE(result.has_value());
  std::string uuid = text_of(**result);
  ASSERT_EQ(uuid.size(), 36u);
  EXPECT_EQ(uuid, "01234567-89ab-4def-bedc-ba9876543210");
}

TEST(Intrinsic, RandomnessFailsClearlyWithoutASource) {
  Scope scope;
  scope.input = make_json(boost::json::object());
  for (const char* call : {"States.UUID()", "States.MathRandom(1, 10)"}) {
    auto parsed = Intrinsic::parse(call);
    ASSERT_TRUE(parsed.has_value());
    auto result = parsed->evaluate(scope);
    ASSERT_FALSE(result.has_value()) << call;
    EXPECT_EQ(result.error().error, "States.Runtime");
    EXPECT_NE(result.error().cause.find("no source of randomness"), std::string::npos);
  }
  // A seeded MathRandom needs no source.
  auto seeded = Intrinsic::parse("States.MathRandom(1, 10, 5)");
  ASSERT_TRUE(seeded.has_value());
  EXPECT_TRUE(seeded->evaluate(scope).has_value());
}

// The corpus cases test_math_random__0..2 and test_math_random_seeded record
// "<RandomNumberGenerated>": any integer in [start, end), the arguments rounded half up.
TEST(Intrinsic, MathRandomStaysInRange) {
  struct Case {
    const char* call;
    std::int64_t low, high;  // inclusive bounds of the result
  };
  const Case cases[] = {
      {"States.MathRandom(12.5, 44.51)", 13, 44},
      {"States.MathRandom(9999, 99999)", 9999, 99998},
      {"States.MathRandom(-99999, -9999)", -99999, -10000},
      {"States.MathRandom(0, 999, 3)", 0, 998},
  };
  for (std::uint64_t draw : {0ULL, 1ULL << 63, ~0ULL}) {
    for (const auto& c : cases) {
      auto parsed = Intrinsic::parse(c.call);
      ASSERT_TRUE(parsed.has_value()) << c.call;
      FixedRandom random({draw});
      Scope scope;
      scope.input = make_json(boost::json::object());
      scope.random = &random;
      auto result = parsed->evaluate(scope);
      ASSERT_TRUE(result.has_value()) << c.call << ": " << result.error().cause;
      ASSERT_TRUE((*result)->is_int64()) << c.call;
      EXPECT_GE((*result)->get_int64(), c.low) << c.call;
      EXPECT_LE((*result)->get_int64(), c.high) << c.call;
    }
  }
}

TEST(Intrinsic, SizeLimitsOnEncodingInputs) {
  std::string at_limit(10000, 'a');
  std::string over(10001, 'a');
  Scope scope;
  scope.input = make_json(boost::json::object{{"ok", at_limit}, {"over", over}});
  for (const char* fn : {"States.Base64Encode", "States.Base64Decode", "States.Hash"}) {
    std::string suffix = std::string(fn) == "States.Hash" ? ", 'MD5')" : ")";
    auto ok = Intrinsic::parse(std::string(fn) + "($.ok" + suffix);
    auto bad = Intrinsic::parse(std::string(fn) + "($.over" + suffix);
    ASSERT_TRUE(ok.has_value() && bad.has_value());
    EXPECT_TRUE(ok->evaluate(scope).has_value()) << fn;
    auto failed = bad->evaluate(scope);
    ASSERT_FALSE(failed.has_value()) << fn;
    EXPECT_EQ(failed.error().error, "States.IntrinsicFailure");
    EXPECT_EQ(failed.error().cause, "The function " + std::string(fn) +
                                        " received an input of 10001 characters, but at most "
                                        "10000 are allowed.");
  }
  // The limit counts Java characters (UTF-16 units), not bytes: 5,000 'é' are 10,000 bytes.
  std::string accents;
  for (int i = 0; i < 6000; ++i) accents += "\xC3\xA9";
  scope.input = make_json(boost::json::object{{"s", accents}});
  auto parsed = Intrinsic::parse("States.Base64Encode($.s)");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->evaluate(scope).has_value());
}

TEST(JavaCompat, RoundHalfUpIsMathRound) {
  EXPECT_EQ(intrinsic::java::round_half_up(1.5), 2);
  EXPECT_EQ(intrinsic::java::round_half_up(-1.5), -1);
  EXPECT_EQ(intrinsic::java::round_half_up(-2.5), -2);
  EXPECT_EQ(intrinsic::java::round_half_up(-1.51), -2);
  EXPECT_EQ(intrinsic::java::round_half_up(0.49999999999999994), 0);
}

TEST(JavaCompat, StringHashAndHashMapOrder) {
  EXPECT_EQ(intrinsic::java::string_hash("Id"), 2363);
  EXPECT_EQ(intrinsic::java::string_hash("constant_in_literal"),
            static_cast<std::int32_t>(3334431504u));
  EXPECT_EQ(intrinsic::java::string_hash("\xF0\x9F\x86\x97"), 0xD83C * 31 + 0xDD97);  // U+1F197
  // Orders checked against java.util.HashMap (OpenJDK 17): 13 keys force a resize to 32 buckets.
  std::vector<std::string_view> keys = {"zeta", "alpha", "Id"};
  std::vector<std::size_t> order = intrinsic::java::hash_map_order(keys);
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2}));
  std::vector<std::string_view> greek = {"alpha", "beta", "gamma", "delta", "epsilon",
                                         "zeta",  "eta",  "theta", "iota",  "kappa",
                                         "lambda", "mu",  "nu",    "xi"};
  EXPECT_EQ(intrinsic::java::hash_map_order(greek),
            (std::vector<std::size_t>{5, 8, 12, 3, 11, 7, 4, 13, 10, 6, 0, 9, 1, 2}));
  greek.resize(12);
  EXPECT_EQ(intrinsic::java::hash_map_order(greek),
            (std::vector<std::size_t>{4, 5, 8, 10, 6, 0, 3, 11, 9, 7, 1, 2}));
}

}  // namespace
}  // namespace jobflow::asl
