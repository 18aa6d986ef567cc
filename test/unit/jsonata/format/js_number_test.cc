// JavaScript number printing and rounding, which every formatting function builds on. Expected
// values are what node (V8) prints.

#include "jsonata/format/js_number.h"

#include <gtest/gtest.h>

#include <cmath>

#include "jsonata/format/round_half_even.h"

namespace jobflow::jsonata::format {
namespace {

TEST(JsNumber, PrintsLikeNumberToString) {
  EXPECT_EQ(number_to_string(1e21), "1e+21");
  EXPECT_EQ(number_to_string(1e-7), "1e-7");
  EXPECT_EQ(number_to_string(123456789012345680000.0), "123456789012345680000");
  EXPECT_EQ(number_to_string(0.000001), "0.000001");
  EXPECT_EQ(number_to_string(-1.5e-10), "-1.5e-10");
  EXPECT_EQ(number_to_string(5e-324), "5e-324");
  EXPECT_EQ(number_to_string(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(number_to_string(-0.0), "0");
  EXPECT_EQ(number_to_string(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(number_to_string(std::nan("")), "NaN");
  EXPECT_EQ(number_to_string(-INFINITY), "-Infinity");
}

TEST(JsNumber, ToFixedRoundsTheExactValueHalfUp) {
  EXPECT_EQ(number_to_fixed(1.005, 2), "1.00");  // 1.005 is 1.00499999999999989...
  EXPECT_EQ(number_to_fixed(0.5, 0), "1");
  EXPECT_EQ(number_to_fixed(2.5, 0), "3");
  EXPECT_EQ(number_to_fixed(1.45, 1), "1.4");
  EXPECT_EQ(number_to_fixed(-0.001, 2), "-0.00");
  EXPECT_EQ(number_to_fixed(1e21, 2), "1e+21");
  EXPECT_EQ(number_to_fixed(123.456, 10), "123.4560000000");
  EXPECT_EQ(number_to_fixed(0.000001, 7), "0.0000010");
  EXPECT_EQ(number_to_fixed(9.99, 1), "10.0");
}

TEST(JsNumber, RadixStringsFollowV8) {
  EXPECT_EQ(number_to_radix_string(255, 16), "ff");
  EXPECT_EQ(number_to_radix_string(-255, 2), "-11111111");
  EXPECT_EQ(number_to_radix_string(1e21, 16), "3635c9adc5dea00000");
  EXPECT_EQ(number_to_radix_string(1152921504606846976.0, 36), "8rc4kbdvss00");  // 2^60
  EXPECT_EQ(number_to_radix_string(5890840712243076, 36), "1m04mv32i6c");
  EXPECT_EQ(number_to_radix_string(1e21, 10), "1e+21");
}

TEST(JsNumber, ParseIntReadsLeadingDigits) {
  EXPECT_EQ(parse_int("12abc"), 12);
  EXPECT_EQ(parse_int("  -0530"), -530);
  EXPECT_EQ(parse_int("+05:30"), 5);
  EXPECT_TRUE(std::isnan(parse_int("abc")));
  EXPECT_TRUE(std::isnan(parse_int("")));
}

TEST(RoundHalfEven, MatchesTheReferenceRound) {
  EXPECT_EQ(round_half_even(2.5), 2);
  EXPECT_EQ(round_half_even(3.5), 4);
  EXPECT_EQ(round_half_even(-2.5), -2);
  EXPECT_EQ(round_half_even(1.005, 2), 1);
  EXPECT_EQ(round_half_even(123.456, -1), 120);
  EXPECT_EQ(round_half_even(125, -1), 120);
  EXPECT_EQ(round_half_even(135, -1), 140);
  EXPECT_FALSE(std::signbit(round_half_even(-0.4)));  // -0 becomes 0
  EXPECT_EQ(round_half_even(0.125, 2), 0.12);
  EXPECT_EQ(round_half_even(1e300, 2), 1e300);
  EXPECT_EQ(round_half_even(2.675, 2), 2.68);
}

}  // namespace
}  // namespace jobflow::jsonata::format
