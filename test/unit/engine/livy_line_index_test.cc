#include "engine/livy/line_index.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace jobflow::engine::livy {
namespace {

using Lines = std::vector<std::string>;

class LivyLineIndex : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/jobflow-lineindex-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/stdout";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void append(std::string_view bytes) {
    std::ofstream(path_, std::ios::app | std::ios::binary) << bytes;
  }
  static Lines read(const LineIndex& index, std::int64_t first, std::int64_t count, bool partial) {
    auto r = index.read(first, count, partial);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : Lines{};
  }
  std::string dir_;
  std::string path_;
};

TEST_F(LivyLineIndex, MissingFileHasNoLines) {
  LineIndex index(path_);
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(index.lines(true), 0);
  EXPECT_EQ(read(index, 0, 10, true), Lines{});
  append("later\n");
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(read(index, 0, 10, false), Lines{"later"});
}

TEST_F(LivyLineIndex, PartialLastLineCountsOnlyWhenAsked) {
  LineIndex index(path_);
  append("a\nb");
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(index.lines(false), 1);
  EXPECT_EQ(index.lines(true), 2);
  EXPECT_EQ(read(index, 0, 10, false), Lines{"a"});
  EXPECT_EQ(read(index, 0, 10, true), (Lines{"a", "b"}));
  EXPECT_EQ(read(index, 1, 10, false), Lines{});

  append("c\r\n\nd\r\r\n");
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(index.lines(false), 4);
  EXPECT_EQ(index.lines(true), 4);
  EXPECT_EQ(read(index, 0, 10, true), (Lines{"a", "bc", "", "d\r"}));  // one '\r' is stripped
  EXPECT_EQ(read(index, 3, 1, false), Lines{"d\r"});
}

TEST_F(LivyLineIndex, EveryWindowMatchesAcrossStrideBoundaries) {
  Lines all;
  std::string text;
  for (int i = 0; i < 23; ++i) {
    all.push_back(i % 5 == 0 ? "" : "line " + std::to_string(i));
    text += all.back() + "\n";
  }
  text += "tail";  // partial
  append(text.substr(0, 40));
  LineIndex index(path_, 4);
  ASSERT_TRUE(index.refresh());
  append(text.substr(40));  // indexed in two steps
  ASSERT_TRUE(index.refresh());
  ASSERT_EQ(index.lines(false), 23);
  EXPECT_EQ(index.index_entries(), 1u + 23 / 4);
  Lines with_tail = all;
  with_tail.push_back("tail");
  for (bool partial : {false, true}) {
    const Lines& expected = partial ? with_tail : all;
    const auto n = static_cast<std::int64_t>(expected.size());
    for (std::int64_t first = 0; first <= n + 1; ++first)
      for (std::int64_t count = 0; count <= n + 2; ++count) {
        Lines want;
        for (std::int64_t i = first; i < std::min(n, first + count); ++i) want.push_back(expected[i]);
        ASSERT_EQ(read(index, first, count, partial), want) << first << "," << count << "," << partial;
      }
  }
}

TEST_F(LivyLineIndex, InvalidUtf8BecomesReplacementCharacters) {
  const std::string fffd = "\xEF\xBF\xBD";
  const std::pair<std::string, std::string> cases[] = {
      {"plain ascii", "plain ascii"},
      {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"},
      {"\xFF", fffd},
      {"a\xC3", "a" + fffd},
      {"\xE2\x82x", fffd + "x"},              // truncated sequence: one U+FFFD
      {"\xED\xA0\x80", fffd + fffd + fffd},   // a surrogate
      {"\xC0\xAF", fffd + fffd},              // overlong
      {"\xE0\x80\x80", fffd + fffd + fffd},   // overlong
      {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},  // above U+10FFFF
      {"\xF0\x9F\x98", fffd},
      {"\x80\x80", fffd + fffd},
      {std::string("nul\0ok", 6), std::string("nul\0ok", 6)},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(LineIndex::sanitize_utf8(in), out) << in;

  append("ok\n\xFF\xFE bad\n");
  LineIndex index(path_);
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(read(index, 0, 2, false), (Lines{"ok", fffd + fffd + " bad"}));
}

TEST_F(LivyLineIndex, ReplacedOrTruncatedFileIsIndexedAgain) {
  append("1\n2\n3\n");
  LineIndex index(path_);
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(index.lines(false), 3);
  std::filesystem::remove(path_);
  append("x\n");  // a new file (new inode), shorter
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(read(index, 0, 10, false), Lines{"x"});
  std::filesystem::resize_file(path_, 0);
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(index.lines(true), 0);
  std::filesystem::remove(path_);
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(index.lines(true), 0);
}

TEST_F(LivyLineIndex, VeryLongLineIsCut) {
  std::string big(LineIndex::kMaxLineBytes + 10, 'x');
  big[LineIndex::kMaxLineBytes - 1] = '\xC3';  // a 2-byte character across the cut
  big[LineIndex::kMaxLineBytes] = '\xA9';
  append(big + "\r\nnext\n");
  LineIndex index(path_);
  ASSERT_TRUE(index.refresh());
  auto lines = read(index, 0, 2, false);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].substr(0, LineIndex::kMaxLineBytes - 1), std::string(LineIndex::kMaxLineBytes - 1, 'x'));
  EXPECT_EQ(lines[0].substr(LineIndex::kMaxLineBytes - 1),
            " [jobflow: line cut at 1048575 bytes; 11 more bytes not shown]");
  EXPECT_EQ(lines[1], "next");
}

TEST_F(LivyLineIndex, MillionLinesCheaply) {
  constexpr int kLines = 1'000'000;
  {
    std::string text;
    text.reserve(kLines * 16);
    char buf[32];
    for (int i = 0; i < kLines; ++i) {
      int n = std::snprintf(buf, sizeof buf, "line %09d\n", i);
      text.append(buf, n);
    }
    append(text);
  }
  LineIndex index(path_);
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(index.refresh());
  const auto t1 = std::chrono::steady_clock::now();
  EXPECT_EQ(index.lines(false), kLines);
  EXPECT_EQ(index.index_entries(), 1u + kLines / 256);  // ~3.9k offsets for 1M lines
  EXPECT_EQ(read(index, 999'998, 10, false), (Lines{"line 000999998", "line 000999999"}));
  EXPECT_EQ(read(index, 500'000, 2, false), (Lines{"line 000500000", "line 000500001"}));
  EXPECT_EQ(read(index, 256 * 1000 - 1, 2, false), (Lines{"line 000255999", "line 000256000"}));
  const auto t2 = std::chrono::steady_clock::now();

  // Appending scans only the new bytes.
  const auto before = index.indexed_bytes();
  append("more 1\nmore 2\n");
  ASSERT_TRUE(index.refresh());
  EXPECT_EQ(index.indexed_bytes(), before + 14);
  EXPECT_EQ(read(index, kLines, 5, false), (Lines{"more 1", "more 2"}));
  RecordProperty("scan_ms", std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count()));
  RecordProperty("read_us", std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(t2 - t1).count()));
}

}  // namespace
}  // namespace jobflow::engine::livy
