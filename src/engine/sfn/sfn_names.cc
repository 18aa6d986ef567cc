#include "engine/sfn/sfn_names.h"

#include <fmt/format.h>

#include <cctype>

namespace jobflow::engine::sfn {
namespace {

constexpr std::string_view kForbidden = "?*<>{}[]\"#%\\^|~`$&,;:/";
constexpr std::size_t kMaxNameLength = 80;

Error invalid_name(std::string_view name) {
  return Error::invalid_input("name", fmt::format("Invalid Name: '{}'", name));
}

// Counts code points, and rejects whitespace and control characters (also the UTF-8 forms of
// U+0080–U+009F, U+00A0 and the other Unicode spaces that start with 0xE2 0x80 / 0xE3 0x80 0x80).
bool scan(std::string_view name, std::size_t& code_points) {
  code_points = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if ((c & 0xC0) != 0x80) ++code_points;
    if (c < 0x20 || c == 0x7F || c == ' ') return false;
    if (kForbidden.find(static_cast<char>(c)) != std::string_view::npos) return false;
    if (c == 0xC2 && i + 1 < name.size()) {
      const auto d = static_cast<unsigned char>(name[i + 1]);
      if (d >= 0x80 && d <= 0xA0) return false;  // C1 controls, no-break space
    }
    if (c == 0xE2 && i + 2 < name.size()) {
      const auto d = static_cast<unsigned char>(name[i + 1]);
      const auto e = static_cast<unsigned char>(name[i + 2]);
      if (d == 0x80 && (e <= 0x8A || e == 0xA8 || e == 0xA9 || e == 0xAF)) return false;  // U+2000–200A, 2028/9, 202F
      if (d == 0x81 && e == 0x9F) return false;                                          // U+205F
    }
    if (c == 0xE3 && i + 2 < name.size() && name[i + 1] == '\x80' && name[i + 2] == '\x80') return false;  // U+3000
  }
  return true;
}

}  // namespace

Status validate_name(std::string_view name) {
  std::size_t length = 0;
  if (name.empty() || !scan(name, length) || length > kMaxNameLength) return fail(invalid_name(name));
  return {};
}

Status validate_alias_name(std::string_view name) {
  if (name.size() > kMaxNameLength)
    return fail(Error::invalid_input(
        "validation", fmt::format("1 validation error detected: Value '{}' at 'name' failed to satisfy constraint: "
                                  "Member must have length less than or equal to 80",
                                  name)));
  bool has_non_digit = false;
  bool ok = !name.empty();
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalpha(c) || c == '_' || c == '-' || c == '.') {
      has_non_digit = true;
    } else if (!std::isdigit(c)) {
      ok = false;
    }
  }
  if (!ok || !has_non_digit)
    return fail(Error::invalid_input(
        "validation", fmt::format("1 validation error detected: Value '{}' at 'name' failed to satisfy constraint: "
                                  "Member must satisfy regular expression pattern: "
                                  "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$",
                                  name)));
  return {};
}

}  // namespace jobflow::engine::sfn
