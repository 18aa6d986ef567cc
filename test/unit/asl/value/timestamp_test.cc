#include "asl/value/timestamp.h"

#include <gtest/gtest.h>

namespace jobflow::asl {
namespace {

TEST(Timestamp, ParsesOffsetDateTimes) {
  EXPECT_EQ(parse_offset_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_offset_timestamp("1970-01-01T00:00:01.5Z"), 1500);
  EXPECT_EQ(parse_offset_timestamp("2012-10-09T20:00:55+01:00"), parse_offset_timestamp("2012-10-09T19:00:55Z"));
  EXPECT_EQ(parse_offset_timestamp("2016-03-14T01:59:00.123456789Z"), 1457920740123);
}

TEST(Timestamp, RejectsWhatJavaRejects) {
  for (const char* bad : {"2016-12-05T21:29:29", "2016-12-05T21:29:29.000000", "2016-13-05T21:29:29Z",
                          "2016-02-30T00:00:00Z", "2016-12-05 21:29:29Z", "", "now", "2016-12-05T21:29:29Zx"}) {
    EXPECT_FALSE(parse_offset_timestamp(bad)) << bad;
  }
}

TEST(Timestamp, FormatsWithMillisecondsAndZ) {
  EXPECT_EQ(format_timestamp_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp_ms(1457920740123), "2016-03-14T01:59:00.123Z");
}

}  // namespace
}  // namespace jobflow::asl
