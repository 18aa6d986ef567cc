#include "engine/livy/livy_log.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace jobflow::engine::livy {
namespace {

using Lines = std::vector<std::string>;

class LivyLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/jobflow-livylog-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, std::string_view bytes) {
    std::ofstream(dir_ + "/" + name, std::ios::app | std::ios::binary) << bytes;
  }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  std::string dir_;
};

struct PageCase {
  std::optional<std::int64_t> from, size;
  std::int64_t echoed_from;
  Lines lines;
};

// SessionServlet.serializeLogs over ["stdout: ", l0..l4, "\nstderr: "] (total 7).
TEST_F(LivyLogTest, PagingMirrorsSessionServlet) {
  write("stdout", "l0\nl1\nl2\nl3\nl4\n");
  const std::string h1 = "stdout: ", h2 = "\nstderr: ";
  const Lines all = {h1, "l0", "l1", "l2", "l3", "l4", h2};
  const PageCase cases[] = {
      {std::nullopt, std::nullopt, 0, all},              // size 100, from = max(0, 7 - 100)
      {std::nullopt, 3, 4, {"l3", "l4", h2}},            // the tail
      {0, 2, 0, {h1, "l0"}},
      {5, 100, 5, {"l4", h2}},
      {6, 1, 6, {h2}},
      {7, 10, 7, {}},                                    // from at the end: echoed, nothing
      {100, 10, 100, {}},                                // from past the end: echoed, nothing
      {-1, 2, 5, {"l4", h2}},                            // negative from = the tail
      {-5, std::nullopt, 0, all},
      {2, -1, 2, {"l1", "l2", "l3", "l4", h2}},          // negative size = all lines
      {std::nullopt, -1, 0, all},
      {-1, -7, 0, all},
      {3, 0, 3, {}},
      {std::nullopt, 0, 7, {}},
      {0, std::int64_t{1} << 62, 0, all},
  };
  LivyLog log(path("stdout"), std::nullopt, 2);
  for (const auto& c : cases) {
    auto page = log.page(c.from, c.size, false);
    ASSERT_TRUE(page) << page.error().message;
    const std::string what = "from=" + (c.from ? std::to_string(*c.from) : "-") +
                             " size=" + (c.size ? std::to_string(*c.size) : "-");
    EXPECT_EQ(page->from, c.echoed_from) << what;
    EXPECT_EQ(page->total, 7) << what;
    EXPECT_EQ(page->lines, c.lines) << what;
  }
}

TEST_F(LivyLogTest, StdoutAndStderrSections) {
  write("stdout", "a\nb\n");
  write("stderr", "e1\ne2\n");
  LivyLog log(path("stdout"), path("stderr"), 1);
  auto page = log.page(0, std::nullopt, false);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 6);
  EXPECT_EQ(page->lines, (Lines{"stdout: ", "a", "b", "\nstderr: ", "e1", "e2"}));
  page = log.page(2, 3, false);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->lines, (Lines{"b", "\nstderr: ", "e1"}));
  page = log.page(5, 3, false);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->lines, (Lines{"e2"}));
}

TEST_F(LivyLogTest, MissingFilesGiveTheHeadersOnly) {
  LivyLog log(path("stdout"), path("stderr"));
  auto page = log.page(std::nullopt, std::nullopt, true);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->from, 0);
  EXPECT_EQ(page->total, 2);
  EXPECT_EQ(page->lines, (Lines{"stdout: ", "\nstderr: "}));
  auto tail = log.tail(10, true);
  ASSERT_TRUE(tail);
  EXPECT_EQ(*tail, (Lines{"stdout: ", "\nstderr: "}));
}

TEST_F(LivyLogTest, PartialLineOnlyOnceEnded) {
  LivyLog log(path("stdout"));
  write("stdout", "done\nprogress 50%");
  auto running = log.page(std::nullopt, std::nullopt, false);
  ASSERT_TRUE(running);
  EXPECT_EQ(running->total, 3);
  EXPECT_EQ(running->lines, (Lines{"stdout: ", "done", "\nstderr: "}));
  auto ended = log.page(std::nullopt, std::nullopt, true);
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->total, 4);
  EXPECT_EQ(ended->lines, (Lines{"stdout: ", "done", "progress 50%", "\nstderr: "}));
}

TEST_F(LivyLogTest, TailIsTheLastLinesOfTheSameList) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "line " + std::to_string(i) + "\n";
  write("stdout", text);
  LivyLog log(path("stdout"), std::nullopt, 4);
  auto tail = log.tail(LivyLog::kTailSize, false);
  ASSERT_TRUE(tail);
  Lines expected;
  for (int i = 11; i < 20; ++i) expected.push_back("line " + std::to_string(i));
  expected.push_back("\nstderr: ");
  EXPECT_EQ(*tail, expected);
  auto none = log.tail(0, false);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());

  // The log grows between calls; only the new bytes are scanned.
  write("stdout", "line 20\n");
  auto page = log.page(std::nullopt, 2, false);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->from, 21);
  EXPECT_EQ(page->total, 23);
  EXPECT_EQ(page->lines, (Lines{"line 20", "\nstderr: "}));
}

}  // namespace
}  // namespace jobflow::engine::livy
