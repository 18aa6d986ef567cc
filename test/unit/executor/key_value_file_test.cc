#include "executor/local/key_value_file.h"

#include <gtest/gtest.h>

#include "unit/executor/test_support.h"

namespace jobflow::executor {
namespace {

TEST(KeyValueFile, RoundTripsEscapedValues) {
  KeyValueFile file;
  file.set("message", "two\nlines with a \\ backslash and = sign");
  file.set("code", -3);
  auto parsed = KeyValueFile::parse(file.serialize());
  EXPECT_EQ(parsed.get("message"), "two\nlines with a \\ backslash and = sign");
  EXPECT_EQ(parsed.get_int("code"), -3);
  EXPECT_EQ(parsed.get("missing"), std::nullopt);
  EXPECT_EQ(file.serialize().find("two\nlines"), std::string::npos);
}

TEST(KeyValueFile, WritesAtomicallyAndReadsBack) {
  testutil::TempDir dir;
  std::string path = dir.path() + "/record";
  auto missing = KeyValueFile::read(path);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
  KeyValueFile file;
  file.set("kind", "exited");
  ASSERT_TRUE(file.write_atomic(path));
  auto read = KeyValueFile::read(path);
  ASSERT_TRUE(read && *read);
  EXPECT_EQ((*read)->get("kind"), "exited");
  EXPECT_EQ(testutil::read_file(path), "kind=exited\n");
}

}  // namespace
}  // namespace jobflow::executor
