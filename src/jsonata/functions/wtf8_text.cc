#include "jsonata/functions/wtf8_text.h"

#include "base/utf8.h"

namespace jobflow::jsonata {

std::string wtf8_from_utf16(std::u16string_view utf16) {
  std::string out;
  out.reserve(utf16.size());
  for (std::size_t i = 0; i < utf16.size(); ++i) {
    const char16_t unit = utf16[i];
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF) {
      append_utf8(out, 0x10000 + ((static_cast<char32_t>(unit) - 0xD800) << 10) + (utf16[i + 1] - 0xDC00));
      ++i;
    } else {
      append_utf8(out, unit);  // a lone surrogate stays (3 bytes)
    }
  }
  return out;
}

bool has_lone_surrogate(std::string_view text) {
  // U+D800–U+DFFF encode as ED A0..BF xx.
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) == 0xED && (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0xA0) return true;
  return false;
}

}  // namespace jobflow::jsonata
