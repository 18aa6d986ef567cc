// $fromMillis / $toMillis behaviours the table tests cannot show: defaults taken from the
// evaluation's timestamp, compiled pictures reused, the timezone argument, undefined arguments.
// Expected values are what jsonata-js 2.2.2 gives.

#include <gtest/gtest.h>

#include "jsonata/format/date_time_formatter.h"
#include "jsonata/format/date_time_parser.h"
#include "jsonata/format/date_time_picture.h"
#include "jsonata/format/iso_timestamp.h"
#include "jsonata/format/js_date.h"
#include "jsonata/format/millis_functions.h"

namespace jobflow::jsonata::format {
namespace {

// 2023-11-14T22:13:20.500Z, standing for the evaluation's $now().
const double kNow = js::date_utc(2023, 10, 14, 22, 13, 20, 500);

double to_millis_at_now(std::string_view timestamp, std::string_view picture) {
  const auto r = to_millis(timestamp, picture, kNow);
  EXPECT_TRUE(r.has_value() && r->has_value()) << timestamp << " / " << picture;
  return r && *r ? **r : 0;
}

TEST(ToMillis, TakesMissingLeadingComponentsFromNowAndZeroesTrailingOnes) {
  EXPECT_EQ(to_millis_at_now("13:45", "[H]:[m]"), js::date_utc(2023, 10, 14, 13, 45));
  EXPECT_EQ(to_millis_at_now("14", "[D]"), js::date_utc(2023, 10, 14));
  EXPECT_EQ(to_millis_at_now("March", "[MNn]"), js::date_utc(2023, 2, 1));
  EXPECT_EQ(to_millis_at_now("5 pm", "[h] [P]"), js::date_utc(2023, 10, 14, 17));
}

TEST(ToMillis, GapsAndUnmatchedText) {
  const auto gap = to_millis("5-22 23:59", "[M]-[D] [m]:[s]", kNow);
  ASSERT_FALSE(gap.has_value());
  EXPECT_EQ(gap.error().code, "D3136");
  const auto unmatched = to_millis("irrelevant", "[Y]-[M]-[D]", kNow);
  ASSERT_TRUE(unmatched.has_value());
  EXPECT_FALSE(unmatched->has_value());
}

TEST(FromMillis, DefaultFormInAnotherTimezone) {
  const double millis = *parse_iso_timestamp("2018-10-21T13:05:00Z");
  EXPECT_EQ(from_millis(millis, std::nullopt, "-0500")->value(), "2018-10-21T08:05:00.000-05:00");
  EXPECT_EQ(from_millis(millis, std::nullopt, "0000")->value(), "2018-10-21T13:05:00.000Z");
  EXPECT_EQ(from_millis(millis)->value(), "2018-10-21T13:05:00.000Z");
}

TEST(FromMillis, ReadsTheTimezoneAsTheReferenceDoes) {
  // parseInt("-0530") is -530: floored to -6 hours and -30 minutes, as in the reference.
  const TimezoneOffset offset = parse_timezone("-0530");
  EXPECT_EQ(offset.hours, -6);
  EXPECT_EQ(offset.minutes, -30);
  EXPECT_EQ(from_millis(0, "[H01]:[m01] [Z]", "-0530")->value(), "17:30 -06:30");
}

TEST(DateTimePicture, CompiledOnceFormatsAndParsesMany) {
  const auto picture = DateTimePicture::compile("[D1o] [MNn] [Y0001]");
  ASSERT_TRUE(picture.has_value());
  EXPECT_EQ(*format_date_time(*picture, js::date_utc(2018, 2, 23)), "23rd March 2018");
  EXPECT_EQ(*format_date_time(*picture, js::date_utc(2008, 3, 1)), "1st April 2008");
  const auto parser = DateTimeParser::compile(*picture);
  ASSERT_TRUE(parser.has_value());
  EXPECT_EQ(parser->parse("27th April 2008", kNow)->value(), js::date_utc(2008, 3, 27));
  EXPECT_EQ(parser->parse("2nd December 2012", kNow)->value(), js::date_utc(2012, 11, 2));
}

TEST(DateTimePicture, CalendarAndEraFormatButDoNotParse) {
  const auto picture = DateTimePicture::compile("[Y] [C] [E]");
  ASSERT_TRUE(picture.has_value());
  EXPECT_EQ(*format_date_time(*picture, 0), "1970 ISO ISO");
  const auto parser = DateTimeParser::compile(*picture);
  ASSERT_FALSE(parser.has_value());
  EXPECT_EQ(parser.error().code, "D3133");
}

TEST(MillisFunctions, UndefinedInUndefinedOut) {
  EXPECT_FALSE(from_millis(std::nullopt, "[Y]")->has_value());
  EXPECT_FALSE(to_millis(std::nullopt, "[Y]", kNow)->has_value());
  EXPECT_FALSE(to_millis(std::nullopt, std::nullopt, kNow)->has_value());
}

}  // namespace
}  // namespace jobflow::jsonata::format
