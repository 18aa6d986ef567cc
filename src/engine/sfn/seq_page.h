#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "engine/sfn/page_token.h"
#include "store/store.h"

namespace jobflow::engine::sfn {

template <class T>
struct RegistryPage {
  std::vector<T> items;
  std::string next_token;  // empty: last page
};

// Paging of the registry's and the executions' lists.

// One page of records in seq order: the cursor is the last seq returned, kept in an opaque
// nextToken bound to `list` (page_token.h). `decode` turns a record into a T (or an Error).
template <class T, class Decode>
Result<RegistryPage<T>> seq_page(store::Store& store, store::ListQuery query, std::string_view list,
                                 std::int64_t max_results, std::string_view next_token, Decode decode) {
  query.after_seq = 0;
  if (!next_token.empty()) {
    auto cursor = decode_page_token(list, next_token);
    if (!cursor) return fail(cursor.error());
    try {
      query.after_seq = std::stoll(*cursor);
    } catch (const std::exception&) {
      return fail(Error::invalid_input("token", "Invalid Token: 'Invalid token'"));
    }
  }
  const std::int64_t size = page_size(max_results);
  query.limit = size + 1;  // one more tells whether there is a next page
  auto records = store.list(query);
  if (!records) return fail(records.error());
  RegistryPage<T> page;
  for (std::size_t i = 0; i < records->size() && static_cast<std::int64_t>(i) < size; ++i) {
    Result<T> item = decode((*records)[i]);
    if (!item) return fail(item.error());
    page.items.push_back(std::move(*item));
  }
  if (static_cast<std::int64_t>(records->size()) > size) {
    page.next_token = encode_page_token(list, std::to_string((*records)[static_cast<std::size_t>(size) - 1].seq));
  }
  return page;
}

// One page of all records of a query ordered by name (ListStateMachines, ListActivities): they
// are read, decoded and sorted, and the page starts after the name in `next_token`.
template <class T, class Decode, class Name>
Result<RegistryPage<T>> name_page(store::Store& store, const store::ListQuery& query, std::string_view list,
                                  std::int64_t max_results, std::string_view next_token, Decode decode, Name name_of) {
  std::string cursor;
  if (!next_token.empty()) {
    auto c = decode_page_token(list, next_token);
    if (!c) return fail(c.error());
    cursor = std::move(*c);
  }
  auto records = store.list(query);
  if (!records) return fail(records.error());
  std::vector<T> items;
  items.reserve(records->size());
  for (const auto& r : *records) {
    Result<T> item = decode(r);
    if (!item) return fail(item.error());
    items.push_back(std::move(*item));
  }
  std::sort(items.begin(), items.end(), [&](const T& a, const T& b) { return name_of(a) < name_of(b); });
  RegistryPage<T> page;
  const std::int64_t size = page_size(max_results);
  auto it = cursor.empty() ? items.begin()
                           : std::upper_bound(items.begin(), items.end(), cursor,
                                              [&](const std::string& c, const T& item) { return c < name_of(item); });
  for (; it != items.end() && static_cast<std::int64_t>(page.items.size()) < size; ++it) page.items.push_back(*it);
  if (it != items.end() && !page.items.empty()) page.next_token = encode_page_token(list, name_of(page.items.back()));
  return page;
}

}  // namespace jobflow::engine::sfn
