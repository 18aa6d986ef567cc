#include "jsonata/value/string_order.h"

#include <algorithm>

#include "jsonata/format/unicode_text.h"

namespace jobflow::jsonata {

bool js_string_less(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  const std::size_t common = std::min(a.size(), b.size());
  while (i < common && a[i] == b[i]) ++i;
  if (i == common) return a.size() < b.size();
  // The character that differs starts at the same byte in both (the prefixes are equal).
  std::size_t start = i;
  while (start > 0 && (static_cast<unsigned char>(a[start]) & 0xC0) == 0x80) --start;
  const auto lead_a = static_cast<unsigned char>(a[start]);
  const auto lead_b = static_cast<unsigned char>(b[start]);
  // Below U+D000 (lead byte 0xED) a character is one code unit smaller than any surrogate, so
  // byte order is code unit order; only two characters from U+D000 up need the UTF-16 units.
  if (lead_a < 0xED || lead_b < 0xED) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  return format::to_utf16(a.substr(start)) < format::to_utf16(b.substr(start));
}

}  // namespace jobflow::jsonata
