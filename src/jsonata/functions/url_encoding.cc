#include "jsonata/functions/url_encoding.h"

#include "jsonata/functions/wtf8_text.h"

namespace jobflow::jsonata {
namespace {

constexpr std::string_view kUnreserved = "-_.!~*'()";
constexpr std::string_view kReserved = ";/?:@&=+$,#";

bool is_alphanumeric(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The byte of the escape "%XX" at `at`, or -1.
int escaped_byte(std::string_view text, std::size_t at) {
  if (at + 3 > text.size() || text[at] != '%') return -1;
  const int high = hex_value(text[at + 1]);
  const int low = hex_value(text[at + 2]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

}  // namespace

std::optional<std::string> encode_url(std::string_view text, UrlPart part) {
  if (has_lone_surrogate(text)) return std::nullopt;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_alphanumeric(c) || kUnreserved.find(ch) != std::string_view::npos ||
        (part == UrlPart::kWhole && kReserved.find(ch) != std::string_view::npos)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::optional<std::string> decode_url(std::string_view text, UrlPart part) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '%') {
      out += text[i++];
      continue;
    }
    const int lead = escaped_byte(text, i);
    if (lead < 0) return std::nullopt;
    if (lead < 0x80) {
      const char c = static_cast<char>(lead);
      if (part == UrlPart::kWhole && kReserved.find(c) != std::string_view::npos) {
        out.append(text.substr(i, 3));
      } else {
        out += c;
      }
      i += 3;
      continue;
    }
    // A UTF-8 sequence, every byte escaped.
    int length = 0;
    if ((lead & 0xE0) == 0xC0) length = 2;
    else if ((lead & 0xF0) == 0xE0) length = 3;
    else if ((lead & 0xF8) == 0xF0) length = 4;
    else return std::nullopt;
    char32_t cp = static_cast<char32_t>(lead & (0x7F >> length));
    std::string bytes(1, static_cast<char>(lead));
    for (int k = 1; k < length; ++k) {
      const int next = escaped_byte(text, i + 3 * k);
      if (next < 0 || (next & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | static_cast<char32_t>(next & 0x3F);
      bytes += static_cast<char>(next);
    }
    static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out += bytes;
    i += 3 * static_cast<std::size_t>(length);
  }
  return out;
}

}  // namespace jobflow::jsonata
