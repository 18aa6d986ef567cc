#include "base/id_codec.h"

#include <gtest/gtest.h>

#include <unordered_set>

namespace jobflow {
namespace {

TEST(IdCodec, EmrShape) {
  IdCodec codec(42);
  const auto id = codec.encode("j-", 1);
  ASSERT_EQ(id.size(), 15u);
  EXPECT_TRUE(id.starts_with("j-"));
  for (char c : id.substr(2)) EXPECT_TRUE(std::isdigit(c) || (c >= 'A' && c <= 'Z')) << id;
}

TEST(IdCodec, DistinctNumbersGiveDistinctIds) {
  IdCodec codec(7);
  std::unordered_set<std::string> seen;
  for (std::uint64_t n = 1; n <= 200'000; ++n) ASSERT_TRUE(seen.insert(codec.encode("s-", n)).second) << n;
  EXPECT_NE(codec.encode("s-", UINT64_MAX), codec.encode("s-", UINT64_MAX - 1));
}

TEST(IdCodec, PrefixesAndSaltsGiveDifferentIds) {
  IdCodec a(1), b(2);
  EXPECT_NE(a.encode("j-", 1).substr(2), a.encode("s-", 1).substr(2));
  EXPECT_NE(a.encode("j-", 1), b.encode("j-", 1));
  EXPECT_EQ(a.encode("j-", 9), IdCodec(1).encode("j-", 9));  // stable across restarts
}

}  // namespace
}  // namespace jobflow
