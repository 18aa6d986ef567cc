#include "executor/local/controller_log.h"

#include <gtest/gtest.h>

namespace jobflow::executor {
namespace {

TEST(ControllerLog, IsoTimeIsUtcWithMilliseconds) {
  EXPECT_EQ(ControllerLog::iso_time(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(ControllerLog::iso_time(1700000000123), "2023-11-14T22:13:20.123Z");
}

}  // namespace
}  // namespace jobflow::executor
