#include "jsonata/functions/js_regex_translator.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "jsonata/format/unicode_text.h"
#include "jsonata/functions/unicode_case.h"

namespace jobflow::jsonata {
namespace {

// JavaScript's WhiteSpace and LineTerminator code points (what \s matches), as a class body.
constexpr std::wstring_view kWhiteSpace =
    L"\\x{9}-\\x{D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
constexpr std::wstring_view kLineTerminators = L"\\n\\r\\x{2028}\\x{2029}";
constexpr std::wstring_view kWordCharacters = L"A-Za-z0-9_";

bool is_digit(char16_t c) { return c >= '0' && c <= '9'; }
bool is_octal(char16_t c) { return c >= '0' && c <= '7'; }
bool is_ascii_letter(char16_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
int hex_value(char16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// \x{HEX}: one code unit, written so Boost reads it whatever it is.
std::wstring code_unit(unsigned value) {
  static constexpr wchar_t kHex[] = L"0123456789ABCDEF";
  std::wstring digits;
  do {
    digits.insert(digits.begin(), kHex[value % 16]);
    value /= 16;
  } while (value != 0);
  return L"\\x{" + digits + L"}";
}

class Translator {
 public:
  Translator(std::u16string_view source, bool multiline, bool ignore_case)
      : s_(source), multiline_(multiline), ignore_case_(ignore_case) {}

  // The translation, or the reason JavaScript would refuse the pattern.
  std::expected<std::wstring, std::string> run() {
    count_groups();
    if (duplicate_name_) return std::unexpected("Duplicate capture group name");
    while (i_ < s_.size()) {
      if (auto failure = in_class_ ? class_atom() : atom()) return std::unexpected(*failure);
    }
    if (in_class_) return std::unexpected("Unterminated character class");
    return std::move(out_);
  }

 private:
  using Failure = std::optional<std::string>;

  char16_t at(std::size_t k) const { return k < s_.size() ? s_[k] : u'\0'; }
  void emit(char16_t c) { out_ += static_cast<wchar_t>(c); }
  void emit(std::wstring_view text) { out_ += text; }

  // The capturing groups (for deciding what \N means) and their names (for \k, and to refuse
  // a name used twice).
  void count_groups() {
    bool in_class = false;
    for (std::size_t k = 0; k < s_.size(); ++k) {
      const char16_t c = s_[k];
      if (c == '\\') {
        ++k;
      } else if (in_class) {
        in_class = c != ']';
      } else if (c == '[') {
        in_class = true;
      } else if (c == '(') {
        if (at(k + 1) != '?') {
          ++groups_;
        } else if (at(k + 2) == '<' && at(k + 3) != '=' && at(k + 3) != '!') {
          ++groups_;
          const std::size_t close = s_.find(u'>', k + 3);
          std::u16string name(s_.substr(k + 3, close == std::u16string_view::npos ? 0 : close - (k + 3)));
          duplicate_name_ = duplicate_name_ || std::find(names_.begin(), names_.end(), name) != names_.end();
          names_.push_back(std::move(name));
        }
      }
    }
  }

  Failure atom() {
    const char16_t c = s_[i_];
    switch (c) {
      case '\\': return escape(false);
      case '[':
        if (at(i_ + 1) == ']') {  // matches nothing
          emit(L"(?!)");
          i_ += 2;
        } else if (at(i_ + 1) == '^' && at(i_ + 2) == ']') {  // matches any unit
          emit(L"[\\s\\S]");
          i_ += 3;
        } else {
          emit(u'[');
          ++i_;
          if (at(i_) == '^') {
            emit(u'^');
            ++i_;
          }
          in_class_ = true;
        }
        return {};
      case ']':
      case '}':
        emit(u'\\');
        emit(c);
        ++i_;
        return {};
      case '{':
        if (const std::size_t length = quantifier_length(i_)) {
          emit(s_.substr(i_, length));
          i_ += length;
        } else {  // Annex B: a '{' that starts no quantifier is itself
          emit(L"\\{");
          ++i_;
        }
        return {};
      case '.':
        emit(L"[^");
        emit(kLineTerminators);
        emit(u']');
        ++i_;
        return {};
      case '^':
        if (multiline_) {
          emit(L"(?<![^");
          emit(kLineTerminators);
          emit(L"])");
        } else {
          emit(L"\\A");
        }
        ++i_;
        return {};
      case '$':
        if (multiline_) {
          emit(L"(?![^");
          emit(kLineTerminators);
          emit(L"])");
        } else {
          emit(L"\\z");
        }
        ++i_;
        return {};
      case '(': return group();
      default:
        raw(c);
        ++i_;
        return {};
    }
  }

  Failure group() {
    if (at(i_ + 1) != '?') {
      emit(u'(');
      ++i_;
      return {};
    }
    const char16_t kind = at(i_ + 2);
    if (kind == ':' || kind == '=' || kind == '!') {
      emit(s_.substr(i_, 3));
      i_ += 3;
      return {};
    }
    if (kind == '<') {
      const char16_t next = at(i_ + 3);
      if (next == '=' || next == '!') {
        emit(s_.substr(i_, 4));
        i_ += 4;
        return {};
      }
      std::size_t end = i_ + 3;
      while (end < s_.size() && (is_ascii_letter(s_[end]) || is_digit(s_[end]) || s_[end] == '_' || s_[end] == '$')) ++end;
      if (end == i_ + 3 || is_digit(s_[i_ + 3]) || at(end) != '>') return "Invalid capture group name";
      emit(s_.substr(i_, end + 1 - i_));
      i_ = end + 1;
      return {};
    }
    return "Invalid group";
  }

  void emit(std::u16string_view units) {
    for (char16_t u : units) emit(u);
  }

  // A code unit that stands for itself, written as \x{..} so it cannot be taken for syntax.
  // Boost folds case for ASCII only (it asks the C locale), so with the `i` flag every other
  // unit becomes the set of the units JavaScript's Canonicalize makes equal to it.
  void literal(unsigned unit) {
    const std::u16string variants = ignore_case_ && unit >= 0x80 && unit <= 0xFFFF
                                        ? js_ignore_case_variants(static_cast<char16_t>(unit))
                                        : std::u16string();
    if (variants.size() <= 1) {
      emit(code_unit(unit));
      return;
    }
    if (!in_class_) emit(u'[');
    for (char16_t variant : variants) emit(code_unit(variant));
    if (!in_class_) emit(u']');
  }

  // A unit of the pattern as written: ASCII ones keep their meaning (syntax or literal).
  void raw(char16_t unit) {
    if (unit < 0x80) {
      emit(unit);
    } else {
      literal(unit);
    }
  }

  // The length of the quantifier {n}, {n,} or {n,m} at `k`, 0 when there is none.
  std::size_t quantifier_length(std::size_t k) const {
    std::size_t j = k + 1;
    const std::size_t digits_start = j;
    while (is_digit(at(j))) ++j;
    if (j == digits_start) return 0;
    if (at(j) == ',') {
      ++j;
      while (is_digit(at(j))) ++j;
    }
    return at(j) == '}' ? j + 1 - k : 0;
  }

  Failure class_atom() {
    const char16_t c = s_[i_];
    if (c == ']') {
      in_class_ = false;
      emit(c);
      ++i_;
      return {};
    }
    if (c == '\\') return escape(true);
    if (c == '[') {
      emit(L"\\[");
      ++i_;
      return {};
    }
    raw(c);
    ++i_;
    return {};
  }

  // The escape at i_ ('\\'), in a class or not.
  Failure escape(bool in_class) {
    if (i_ + 1 >= s_.size()) return "\\ at end of pattern";
    const char16_t c = s_[i_ + 1];
    i_ += 2;
    auto set = [&](std::wstring_view body, bool negated) {
      if (in_class) {
        emit(body);
      } else {
        emit(negated ? L"[^" : L"[");
        emit(body);
        emit(u']');
      }
    };
    switch (c) {
      case 'd': set(L"0-9", false); return {};
      case 'w': set(kWordCharacters, false); return {};
      case 's': set(kWhiteSpace, false); return {};
      case 'D':
        if (in_class) emit(L"\\D"); else set(L"0-9", true);
        return {};
      case 'W':
        if (in_class) emit(L"\\W"); else set(kWordCharacters, true);
        return {};
      case 'S':
        if (in_class) emit(L"\\S"); else set(kWhiteSpace, true);
        return {};
      case 'b': emit(in_class ? code_unit(8) : L"\\b"); return {};
      case 'B': emit(in_class ? L"B" : L"\\B"); return {};
      case 'n': emit(L"\\n"); return {};
      case 'r': emit(L"\\r"); return {};
      case 't': emit(L"\\t"); return {};
      case 'f': emit(L"\\f"); return {};
      case 'v': emit(code_unit(0x0B)); return {};
      case 'c':
        if (is_ascii_letter(at(i_))) {
          emit(code_unit(s_[i_] % 32));
          ++i_;
        } else {  // Annex B: a backslash, then 'c'
          emit(L"\\\\c");
        }
        return {};
      case 'x':
        if (hex_value(at(i_)) >= 0 && hex_value(at(i_ + 1)) >= 0) {
          literal(static_cast<unsigned>(hex_value(s_[i_]) * 16 + hex_value(s_[i_ + 1])));
          i_ += 2;
        } else {
          emit(u'x');
        }
        return {};
      case 'u':
        if (hex_value(at(i_)) >= 0 && hex_value(at(i_ + 1)) >= 0 && hex_value(at(i_ + 2)) >= 0 &&
            hex_value(at(i_ + 3)) >= 0) {
          unsigned value = 0;
          for (int k = 0; k < 4; ++k) value = value * 16 + static_cast<unsigned>(hex_value(s_[i_ + k]));
          literal(value);
          i_ += 4;
        } else {
          emit(u'u');
        }
        return {};
      case 'k':
        if (names_.empty() || in_class) {
          emit(u'k');
          return {};
        }
        if (at(i_) != '<') return "Invalid named reference";
        {
          const std::size_t close = s_.find(u'>', i_);
          if (close == std::u16string_view::npos) return "Invalid named reference";
          const std::u16string_view name = s_.substr(i_, close + 1 - i_);  // <name>
          emit(L"(?(");
          emit(name);
          emit(L")\\k");
          emit(name);
          emit(L"|)");
          i_ = close + 1;
        }
        return {};
      default: break;
    }
    if (is_digit(c)) return numeric_escape(c, in_class);
    if (is_ascii_letter(c) || c >= 0x80) {
      raw(c);  // an identity escape: the character itself
    } else {
      emit(u'\\');
      emit(c);
    }
    return {};
  }

  // \0, \N: a back reference to group N when there is one (outside a class), else Annex B's
  // legacy octal escape, or the digit itself for 8 and 9.
  Failure numeric_escape(char16_t first, bool in_class) {
    const std::size_t start = i_ - 1;  // the first digit
    if (!in_class && first != '0') {
      std::size_t end = start;
      unsigned long value = 0;
      while (is_digit(at(end)) && value <= 100000) value = value * 10 + (s_[end++] - '0');
      if (value <= groups_) {
        // JavaScript's reference to a group that took no part matches the empty string; Boost's fails.
        const std::wstring group = std::to_wstring(value);
        emit(L"(?(" + group + L")\\g{" + group + L"}|)");
        i_ = end;
        return {};
      }
    }
    if (first == '8' || first == '9') {
      emit(first);
      return {};
    }
    unsigned value = first - '0';
    std::size_t end = start + 1;
    const std::size_t max_end = start + (first <= '3' ? 3 : 2);
    while (end < max_end && is_octal(at(end))) value = value * 8 + (s_[end++] - '0');
    literal(value);
    i_ = end;
    return {};
  }

  std::u16string_view s_;
  bool multiline_;
  bool ignore_case_;
  std::size_t i_ = 0;
  bool in_class_ = false;
  unsigned groups_ = 0;
  std::vector<std::u16string> names_;  // of the named groups
  bool duplicate_name_ = false;
  std::wstring out_;
};

}  // namespace

JResult<TranslatedRegex> translate_js_regex(std::string_view pattern, std::string_view flags) {
  const std::u16string units = format::to_utf16(pattern);
  Translator translator(units, flags.find('m') != std::string_view::npos, flags.find('i') != std::string_view::npos);
  auto translated = translator.run();
  if (!translated) {
    JsonataError e;
    e.code = "S0303";
    e.message = "Invalid regular expression: /" + std::string(pattern) + "/: " + translated.error();
    e.value = std::string(pattern);
    return std::unexpected(std::move(e));
  }
  return TranslatedRegex{std::move(*translated), flags.find('i') != std::string_view::npos};
}

}  // namespace jobflow::jsonata
