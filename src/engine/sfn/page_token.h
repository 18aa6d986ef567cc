#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine::sfn {

// nextToken values: an opaque, checksummed encoding of a list's cursor (the last name or seq
// returned), bound to the list it came from. A token that does not decode, or comes from another
// list, is Error{kInvalidInput, "token"}: "Invalid Token: 'Invalid token'" (AWS's InvalidToken).
std::string encode_page_token(std::string_view list, std::string_view cursor);
Result<std::string> decode_page_token(std::string_view list, std::string_view token);

// Page sizes: maxResults 0 (or absent) means the default, 100 for every registry list.
inline constexpr std::int64_t kDefaultPageSize = 100;
inline std::int64_t page_size(std::int64_t max_results) { return max_results <= 0 ? kDefaultPageSize : max_results; }

}  // namespace jobflow::engine::sfn
