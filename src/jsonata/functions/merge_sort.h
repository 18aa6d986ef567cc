#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace jobflow::jsonata {

// The reference's $sort: a top-down merge sort (split at floor(n / 2), sort both halves, merge),
// stable, that asks `swap(left, right)` whether the head of the right half goes first. The exact
// order of comparisons is the reference's, so a comparator that is not a strict order (or that
// counts its calls) sees the same calls and gives the same result.
template <class T, class Swap>
std::vector<T> merge_sort(std::vector<T> items, Swap&& swap) {
  if (items.size() <= 1) return items;
  const std::size_t middle = items.size() / 2;
  std::vector<T> left(std::make_move_iterator(items.begin()), std::make_move_iterator(items.begin() + middle));
  std::vector<T> right(std::make_move_iterator(items.begin() + middle), std::make_move_iterator(items.end()));
  left = merge_sort(std::move(left), swap);
  right = merge_sort(std::move(right), swap);
  std::vector<T> merged;
  merged.reserve(left.size() + right.size());
  std::size_t l = 0, r = 0;
  while (l < left.size() && r < right.size()) {
    if (swap(left[l], right[r])) {
      merged.push_back(std::move(right[r++]));
    } else {
      merged.push_back(std::move(left[l++]));
    }
  }
  for (; l < left.size(); ++l) merged.push_back(std::move(left[l]));
  for (; r < right.size(); ++r) merged.push_back(std::move(right[r]));
  return merged;
}

}  // namespace jobflow::jsonata
