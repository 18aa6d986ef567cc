#include "base/json_parse.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <charconv>
#include <cstring>
#include <random>

namespace jobflow {
namespace {

TEST(JsonParseTest, EveryDoubleReadsBackExactly) {
  // Shortest round-trip texts of random doubles: what JavaScript and Java write.
  std::mt19937_64 random(42);
  int checked = 0;
  while (checked < 20000) {
    double d;
    const std::uint64_t bits = random();
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    char text[64];
    auto end = std::to_chars(text, text + sizeof text, d).ptr;
    std::string document(1, '[');
    document.append(text, end);
    document += ']';
    boost::system::error_code ec;
    auto value = parse_json_exact(document, ec);
    ASSERT_FALSE(ec) << document;
    const auto& n = value.as_array()[0];
    EXPECT_EQ(n.is_double() ? n.as_double() : n.to_number<double>(), d) << document;
    ++checked;
  }
}

struct Case {
  const char* text;
  const char* serialized;  // "" when it must fail
};

// Everything but the digits of doubles is as boost::json::parse has it.
const Case kCases[] = {
    {R"({"a":1,"a":2})", R"({"a":2})"},
    {R"({"s":"x\u00e9","n":null,"b":[true,false]})", R"({"s":"xé","n":null,"b":[true,false]})"},
    {"18446744073709551615", "18446744073709551615"},
    {"-9223372036854775808", "-9223372036854775808"},
    {"0.30000000000000004", "3.0000000000000004E-1"},
    {"[1,2", ""},
    {"1 2", ""},
    {"", ""},
    {"{\"a\":}", ""},
};

TEST(JsonParseTest, SameValuesAndErrorsAsBoost) {
  for (const auto& c : kCases) {
    boost::system::error_code ec;
    auto value = parse_json_exact(c.text, ec);
    if (std::string_view(c.serialized).empty()) {
      EXPECT_TRUE(ec) << c.text;
      boost::system::error_code boost_ec;
      boost::json::parse(c.text, boost_ec);
      EXPECT_EQ(ec, boost_ec) << c.text;
    } else {
      ASSERT_FALSE(ec) << c.text << ": " << ec.message();
      EXPECT_EQ(boost::json::serialize(value), c.serialized) << c.text;
    }
  }
}

}  // namespace
}  // namespace jobflow
