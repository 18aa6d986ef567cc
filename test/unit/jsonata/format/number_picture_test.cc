// $formatNumber, $formatInteger and $formatBase through their compiled forms and options.
// Expected values are what jsonata-js 2.2.2 gives.

#include <gtest/gtest.h>

#include "jsonata/format/base_format.h"
#include "jsonata/format/integer_picture.h"
#include "jsonata/format/number_picture.h"

namespace jobflow::jsonata::format {
namespace {

TEST(NumberPicture, CompiledOnceFormatsMany) {
  const auto picture = NumberPicture::compile("#,##0.00;(#,##0.00)");
  ASSERT_TRUE(picture.has_value());
  EXPECT_EQ(picture->format(1234.5), "1,234.50");
  EXPECT_EQ(picture->format(-1234.5), "(1,234.50)");
  EXPECT_EQ(picture->format(0), "0.00");
}

TEST(NumberPicture, OptionsOverrideTheDecimalFormat) {
  DecimalFormat european;
  EXPECT_TRUE(european.set("decimal-separator", ","));
  EXPECT_TRUE(european.set("grouping-separator", "."));
  EXPECT_FALSE(european.set("no-such-property", "x"));
  EXPECT_EQ(format_number(1234567.891, "#.##0,00", european)->value(), "1.234.567,89");
}

TEST(NumberPicture, ErrorsNameTheLastRuleBroken) {
  // '%%' breaks D3082 (two percents), D3085 (no digit) and D3086 (passive character between
  // active ones); the reference reports the last.
  const auto r = format_number(42, "%%");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "D3086");
  EXPECT_FALSE(format_number(std::nullopt, "%%")->has_value());  // undefined is checked first
}

TEST(IntegerPicture, ReferenceQuirksAreKept) {
  // A separator further left than the digits lands where JavaScript's substr puts it.
  EXPECT_EQ(format_integer(12, "#:###,##0")->value(), ",:12");
  // The number is printed as JavaScript prints it before the digits are grouped.
  EXPECT_EQ(format_integer(1e21, "#,##0")->value(), "1e,+21");
  // Parsing reads the leading digits only.
  EXPECT_EQ(parse_integer("12abc", "0")->value(), 12);
}

TEST(BaseFormat, RoundsValueAndRadixHalfToEven) {
  EXPECT_EQ(format_base(99.5, 2.5)->value(), "1100100");
  EXPECT_EQ(format_base(-100, 2)->value(), "-1100100");
  const auto r = format_base(100, 36.6);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "The radix of the formatBase function must be between 2 and 36.  It was given 37");
}

}  // namespace
}  // namespace jobflow::jsonata::format
