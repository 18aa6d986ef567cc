// $number's string rule (cast_string_to_number). Expected values are what jsonata-js 2.2.2 gives
// under node for $number(text): a number, NaN, or D3030 (nullopt).

#include "jsonata/functions/number_cast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string_view>

namespace jobflow::jsonata {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct CastCase {
  std::string_view text;
  std::optional<double> expected;  // nullopt: D3030
};

class NumberCastTest : public ::testing::TestWithParam<CastCase> {};

TEST_P(NumberCastTest, CastsLikeTheReference) {
  const CastCase& c = GetParam();
  const auto actual = cast_string_to_number(c.text);
  ASSERT_EQ(actual.has_value(), c.expected.has_value()) << c.text;
  if (!c.expected) return;
  if (std::isnan(*c.expected)) {
    EXPECT_TRUE(std::isnan(*actual)) << c.text;
  } else {
    EXPECT_EQ(*actual, *c.expected) << c.text;
    EXPECT_EQ(std::signbit(*actual), std::signbit(*c.expected)) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Decimal, NumberCastTest,
    ::testing::Values(CastCase{"0", 0.0}, CastCase{"-0", -0.0}, CastCase{"1", 1.0}, CastCase{"01", 1.0},
                      CastCase{"-01.50", -1.5}, CastCase{"1e5", 1e5}, CastCase{"1E+5", 1e5}, CastCase{"1e-400", 0.0},
                      CastCase{"0.1", 0.1}, CastCase{"1.7976931348623157e308", 1.7976931348623157e308},
                      // not the reference's decimal form, and no radix literal: D3030
                      CastCase{"1e400", std::nullopt}, CastCase{"1.", std::nullopt}, CastCase{".5", std::nullopt},
                      CastCase{" 1", std::nullopt}, CastCase{"1e", std::nullopt}, CastCase{"+1", std::nullopt},
                      CastCase{"", std::nullopt}, CastCase{"Infinity", std::nullopt}, CastCase{"-0x10", std::nullopt},
                      CastCase{"0x", std::nullopt}, CastCase{"0o", std::nullopt}, CastCase{"\u00a00x10", std::nullopt},
                      // white space after a binary literal: the reference's `0b…$` no longer matches
                      CastCase{"\ufeff0b11\u3000", std::nullopt}));

INSTANTIATE_TEST_SUITE_P(
    RadixLiterals, NumberCastTest,
    ::testing::Values(CastCase{"0x10", 16.0}, CastCase{"0X1F ", 31.0}, CastCase{" 0o17 ", 15.0}, CastCase{"0O17", 15.0},
                      CastCase{"0b101", 5.0}, CastCase{"0B11", 3.0}, CastCase{"\ufeff0b11", 3.0},
                      CastCase{"0x10\u2003", 16.0},
                      // correctly rounded, ties to even
                      CastCase{"0x1fffffffffffff1", 144115188075855860.0},
                      CastCase{"0x1fffffffffffff8", 144115188075855870.0},
                      CastCase{"0o7777777777777777777777", 73786976294838210000.0},
                      // the reference's regex lets these through to Number(), which reads NaN
                      CastCase{"0x1g", kNaN}, CastCase{"abc0o7", kNaN}, CastCase{"12 0b1", kNaN},
                      CastCase{"x0o1", kNaN}, CastCase{"0x10 0o1", kNaN}, CastCase{"0x10\u200b", kNaN}));

}  // namespace
}  // namespace jobflow::jsonata
