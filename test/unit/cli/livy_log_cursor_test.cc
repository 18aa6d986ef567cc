#include "cli/track/livy_log_cursor.h"

#include <gtest/gtest.h>

namespace jobflow::cli {
namespace {

std::vector<std::string> texts(const std::vector<LivyLogCursor::Line>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back((l.stderr_line ? "E:" : "") + l.text);
  return out;
}

TEST(LivyLogCursorTest, FollowsStdoutAsItPushesTheStderrHeader) {
  LivyLogCursor cursor;
  EXPECT_EQ(cursor.from(), 1);
  // The whole list from 0 would be ["stdout: ", "a", "\nstderr: "]; asked from 1:
  EXPECT_EQ(texts(cursor.take(1, {"a", "\nstderr: "})), (std::vector<std::string>{"a"}));
  EXPECT_EQ(cursor.from(), 2);
  EXPECT_EQ(texts(cursor.take(2, {"\nstderr: "})), (std::vector<std::string>{}));
  EXPECT_EQ(texts(cursor.take(2, {"b", "c", "\nstderr: "})), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(cursor.from(), 4);
}

TEST(LivyLogCursorTest, StderrLinesOnce) {
  LivyLogCursor cursor;
  EXPECT_EQ(texts(cursor.take(1, {"a", "\nstderr: ", "e1"})), (std::vector<std::string>{"a", "E:e1"}));
  EXPECT_EQ(texts(cursor.take(2, {"b", "\nstderr: ", "e1", "e2"})), (std::vector<std::string>{"b", "E:e2"}));
}

TEST(LivyLogCursorTest, AHeaderFromTheStartIsSkipped) {
  LivyLogCursor cursor;
  EXPECT_EQ(texts(cursor.take(0, {"stdout: ", "a", "\nstderr: "})), (std::vector<std::string>{"a"}));
  EXPECT_EQ(cursor.from(), 2);
  // a page repeating lines already seen prints nothing new
  EXPECT_EQ(texts(cursor.take(1, {"a", "\nstderr: "})), (std::vector<std::string>{}));
}

}  // namespace
}  // namespace jobflow::cli
