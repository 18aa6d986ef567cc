#include "jsonata/format/js_string.h"

#include <algorithm>

namespace jobflow::jsonata::format::js {
namespace {

long clamp_index(long i, long size) { return std::clamp(i, 0L, size); }

}  // namespace

long index_of(std::u16string_view s, std::u16string_view search, long from) {
  const long size = static_cast<long>(s.size());
  from = clamp_index(from, size);
  const auto pos = s.find(search, static_cast<std::size_t>(from));
  return pos == std::u16string_view::npos ? -1 : static_cast<long>(pos);
}

long last_index_of(std::u16string_view s, std::u16string_view search) {
  const auto pos = s.rfind(search);
  return pos == std::u16string_view::npos ? -1 : static_cast<long>(pos);
}

std::u16string substring(std::u16string_view s, long start, long end) {
  const long size = static_cast<long>(s.size());
  start = clamp_index(start, size);
  end = clamp_index(end, size);
  if (start > end) std::swap(start, end);
  return std::u16string(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
}

std::u16string substring(std::u16string_view s, long start) {
  return substring(s, start, static_cast<long>(s.size()));
}

std::u16string slice(std::u16string_view s, long start, long end) {
  const long size = static_cast<long>(s.size());
  start = start < 0 ? std::max(size + start, 0L) : std::min(start, size);
  end = end < 0 ? std::max(size + end, 0L) : std::min(end, size);
  if (start >= end) return {};
  return std::u16string(s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
}

std::u16string slice(std::u16string_view s, long start) { return slice(s, start, static_cast<long>(s.size())); }

std::u16string char_at(std::u16string_view s, long i) {
  if (i < 0 || i >= static_cast<long>(s.size())) return {};
  return std::u16string(1, s[static_cast<std::size_t>(i)]);
}

std::vector<std::u16string> split(std::u16string_view s, std::u16string_view separator) {
  std::vector<std::u16string> parts;
  if (separator.empty()) {
    for (char16_t c : s) parts.emplace_back(1, c);
    return parts;
  }
  std::size_t start = 0;
  for (auto pos = s.find(separator); pos != std::u16string_view::npos; pos = s.find(separator, start)) {
    parts.emplace_back(s.substr(start, pos - start));
    start = pos + separator.size();
  }
  parts.emplace_back(s.substr(start));
  return parts;
}

std::u16string repeat(std::u16string_view s, long n) {
  std::u16string out;
  for (long i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace jobflow::jsonata::format::js
