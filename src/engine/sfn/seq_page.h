#pragma once

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

}  // namespace jobflow::engine::sfn
