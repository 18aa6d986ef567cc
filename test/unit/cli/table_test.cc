#include "cli/track/table.h"

#include <gtest/gtest.h>

#include "cli/track/progress_line.h"

namespace jobflow::cli {
namespace {

TEST(TableTest, ColumnsAlignAndTheLastIsNotPadded) {
  auto text = format_table({"KIND", "ID", "STATE"}, {{"cluster", "j-1", "WAITING"}, {"step", "s-12345", ""}});
  EXPECT_EQ(text,
            "KIND     ID       STATE\n"
            "cluster  j-1      WAITING\n"
            "step     s-12345  -\n");
}

TEST(TableTest, ShortRowsAndNoRows) {
  EXPECT_EQ(format_table({"A", "B"}, {{"x"}}), "A  B\nx  -\n");
  EXPECT_EQ(format_table({"KIND", "ID"}, {}), "KIND  ID\n");
}

TEST(TableTest, Ages) {
  EXPECT_EQ(format_age(-1), "-");
  EXPECT_EQ(format_age(0), "0s");
  EXPECT_EQ(format_age(59), "59s");
  EXPECT_EQ(format_age(60), "1m");
  EXPECT_EQ(format_age(3599), "59m");
  EXPECT_EQ(format_age(7200), "2h");
  EXPECT_EQ(format_age(86400 * 3 + 5), "3d");
}

TEST(TableTest, Elapsed) {
  EXPECT_EQ(format_elapsed(0), "0.0s");
  EXPECT_EQ(format_elapsed(1.26), "1.3s");
  EXPECT_EQ(format_elapsed(42.9), "42s");
  EXPECT_EQ(format_elapsed(303), "5m03s");
  EXPECT_EQ(format_elapsed(7500), "2h05m");
}

TEST(ProgressLineTest, LiveAndPlain) {
  Progress p{"j-ABC", "RUNNING", 65, "steps 2/5"};
  EXPECT_EQ(live_line(p, 0), "| j-ABC  RUNNING  1m05s  steps 2/5");
  EXPECT_EQ(live_line(p, 1), "/ j-ABC  RUNNING  1m05s  steps 2/5");
  EXPECT_EQ(change_line(p), "[1m05s] j-ABC RUNNING  steps 2/5");
  EXPECT_EQ(change_line({"batch/3", "starting", 0.5, ""}), "[0.5s] batch/3 starting");
}

TEST(ProgressLineTest, FitWidth) {
  EXPECT_EQ(fit_width("abcdef", 0), "abcdef");
  EXPECT_EQ(fit_width("abcdef", 6), "abcdef");
  EXPECT_EQ(fit_width("abcdef", 4), "abc\u2026");
  EXPECT_EQ(fit_width("ab\u00e9cd", 4), "ab\u2026");  // never half a UTF-8 character
}

}  // namespace
}  // namespace jobflow::cli
