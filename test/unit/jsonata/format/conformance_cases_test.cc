// The reference implementation's conformance cases for the formatting functions, as data:
// cases.json holds every case that is a call (or a chain of calls) of $formatInteger,
// $parseInteger, $formatNumber, $formatBase, $fromMillis and $toMillis with literal arguments;
// extract_cases.py beside this file regenerates it from ../shared/conformance/jsonata.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "function_call.h"

namespace jobflow::jsonata::format {
namespace {

namespace json = boost::json;

struct Case {
  std::string name;  // a test name made of the case's source
  json::object data;
};

std::vector<Case> load_cases() {
  std::ifstream in(JSONATA_FORMAT_CASES);
  std::stringstream text;
  text << in.rdbuf();
  const json::value all = json::parse(text.str());
  std::vector<Case> cases;
  for (const auto& item : all.as_array()) {
    Case c{std::string(item.at("source").as_string()), item.as_object()};
    for (char& ch : c.name) {
      if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

// The fixed timestamp of an evaluation; no extracted case depends on it.
constexpr double kNow = 1700000000000.0;

class ConformanceCase : public ::testing::TestWithParam<Case> {};

TEST_P(ConformanceCase, MatchesReference) {
  const json::object& c = GetParam().data;
  SCOPED_TRACE(std::string(c.at("expr").as_string()));

  test_support::Value value;
  std::optional<JsonataError> failure;
  for (const auto& spec : c.at("calls").as_array()) {
    const auto& call = spec.as_object();
    auto r = test_support::call_function(std::string(call.at("function").as_string()), call.at("args").as_array(),
                                         value, kNow);
    if (!r) {
      failure = r.error();
      break;
    }
    value = *r;
  }

  if (const auto* code = c.if_contains("code")) {
    ASSERT_TRUE(failure.has_value()) << "expected error " << code->as_string();
    EXPECT_EQ(failure->code, code->as_string());
    EXPECT_FALSE(failure->message.empty());
    return;
  }
  ASSERT_FALSE(failure.has_value()) << failure->code << ": " << failure->message;
  if (c.contains("undefinedResult")) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(value));
    return;
  }
  const json::value& expected = c.at("result");
  if (expected.is_string()) {
    ASSERT_TRUE(std::holds_alternative<std::string>(value));
    EXPECT_EQ(std::get<std::string>(value), expected.as_string());
  } else {
    ASSERT_TRUE(std::holds_alternative<double>(value));
    EXPECT_EQ(std::get<double>(value), expected.to_number<double>());
  }
}

INSTANTIATE_TEST_SUITE_P(Reference, ConformanceCase, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace jobflow::jsonata::format
