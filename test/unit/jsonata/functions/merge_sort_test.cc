// merge_sort: the reference's $sort algorithm (top-down, split at floor(n / 2), stable).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "jsonata/functions/merge_sort.h"

namespace jobflow::jsonata {
namespace {

struct SortCase {
  std::vector<int> input;
  std::vector<int> expected;
};

class MergeSortTest : public testing::TestWithParam<SortCase> {};

TEST_P(MergeSortTest, SortsAscendingWhenTheComparatorSaysSwapOnGreater) {
  const auto& c = GetParam();
  EXPECT_EQ(merge_sort(c.input, [](int a, int b) { return a > b; }), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, MergeSortTest,
                         testing::Values(SortCase{{}, {}}, SortCase{{7}, {7}}, SortCase{{2, 1}, {1, 2}},
                                         SortCase{{3, 1, 2}, {1, 2, 3}}, SortCase{{5, 5, 1, 5}, {1, 5, 5, 5}},
                                         SortCase{{9, 8, 7, 6, 5, 4, 3, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}},
                                         SortCase{{1, 2, 3, 4}, {1, 2, 3, 4}}));

// Equal keys keep their input order (the tag shows which of the equals came first).
TEST(MergeSortStabilityTest, KeepsTheOrderOfEqualKeys) {
  using Item = std::pair<int, char>;
  const std::vector<Item> input{{2, 'a'}, {1, 'b'}, {2, 'c'}, {1, 'd'}, {0, 'e'}};
  const std::vector<Item> expected{{0, 'e'}, {1, 'b'}, {1, 'd'}, {2, 'a'}, {2, 'c'}};
  EXPECT_EQ(merge_sort(input, [](const Item& a, const Item& b) { return a.first > b.first; }), expected);
}

// The comparator sees the reference's calls, in its order: for [3, 1, 2] the halves are [3] and
// [1, 2]; [1, 2] compares (1, 2), then the merge compares (3, 1), (3, 2).
TEST(MergeSortCallsTest, ComparesInTheReferenceOrder) {
  std::vector<std::pair<int, int>> calls;
  merge_sort(std::vector<int>{3, 1, 2}, [&](int a, int b) {
    calls.emplace_back(a, b);
    return a > b;
  });
  const std::vector<std::pair<int, int>> expected{{1, 2}, {3, 1}, {3, 2}};
  EXPECT_EQ(calls, expected);
}

}  // namespace
}  // namespace jobflow::jsonata
