#include "jsonata/format/timestamp_pattern.h"

#include <functional>
#include <set>
#include <utility>

namespace jobflow::jsonata::format {
namespace {

// The case-insensitive flag compares upper-cased characters. Covered: ASCII, Latin-1, Greek and
// Cyrillic letters; other scripts compare exactly.
char16_t fold(char16_t c) {
  if (c >= u'a' && c <= u'z') return static_cast<char16_t>(c - 0x20);
  if (c < 0x80) return c;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) || (c >= 0x430 && c <= 0x44F)) {
    return static_cast<char16_t>(c - 0x20);
  }
  if (c == 0xFF) return 0x178;
  if (c == 0x3C2) return 0x3A3;  // final sigma
  if (c >= 0x450 && c <= 0x45F) return static_cast<char16_t>(c - 0x50);
  return c;
}

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }

class Matcher {
 public:
  Matcher(const std::vector<PatternPiece>& pieces, std::u16string_view text)
      : pieces_(pieces), text_(text), spans_(pieces.size()) {}

  bool run() { return match_from(0, 0); }

  std::vector<std::u16string> captures() const {
    std::vector<std::u16string> out;
    for (const auto& [begin, end] : spans_) out.emplace_back(text_.substr(begin, end - begin));
    return out;
  }

 private:
  // Does the rest of the pattern, from piece `index`, match text from `pos` to the end? A failure
  // at (index, pos) is remembered: the answer never changes, and backtracking asks again.
  bool match_from(std::size_t index, std::size_t pos) {
    if (index == pieces_.size()) return pos == text_.size();
    if (failed_.contains({index, pos})) return false;
    const bool matched = try_piece(index, pos, [&](std::size_t end) {
      if (!match_from(index + 1, end)) return false;
      spans_[index] = {pos, end};
      return true;
    });
    if (!matched) failed_.insert({index, pos});
    return matched;
  }

  // Offers each end the piece can reach from `pos`, in the order a JavaScript regex tries them,
  // until `rest` accepts one.
  bool try_piece(std::size_t index, std::size_t pos, const std::function<bool(std::size_t)>& rest) {
    const PatternPiece& piece = pieces_[index];
    switch (piece.kind) {
      case PatternPiece::Kind::kLiteral:
        return literal_at(piece.text, pos) && rest(pos + piece.text.size());
      case PatternPiece::Kind::kDigits: {
        const std::size_t run = run_length(pos, is_digit);
        if (piece.exact_digits > 0) {
          const auto n = static_cast<std::size_t>(piece.exact_digits);
          return run >= n && digits_end(piece, pos + n, rest);
        }
        for (std::size_t n = run; n >= 1; --n) {  // greedy: longest first
          if (digits_end(piece, pos + n, rest)) return true;
        }
        return false;
      }
      case PatternPiece::Kind::kCharClass: {
        const std::size_t run = run_length(pos, [&](char16_t c) { return in_class(piece.text, c); });
        for (std::size_t n = run; n >= 1; --n) {
          if (rest(pos + n)) return true;
        }
        return false;
      }
      case PatternPiece::Kind::kWords:
        return words_from(piece, pos, true, rest);
      case PatternPiece::Kind::kTimezone:
        return timezone_at(piece, pos, rest);
    }
    return false;
  }

  bool digits_end(const PatternPiece& piece, std::size_t end, const std::function<bool(std::size_t)>& rest) {
    if (!piece.ordinal_suffix) return rest(end);
    for (std::u16string_view suffix : {u"th", u"st", u"nd", u"rd"}) {
      if (literal_at(suffix, end) && rest(end + 2)) return true;
    }
    return false;
  }

  // (?:alternatives)+, greedy: after each alternative first try to match more, and only then
  // (after the mandatory first one) stop here.
  bool words_from(const PatternPiece& piece, std::size_t pos, bool mandatory,
                  const std::function<bool(std::size_t)>& rest) {
    for (const auto& word : piece.words) {
      if (literal_at(word, pos) && words_from(piece, pos + word.size(), false, rest)) return true;
    }
    if (literal_at(u"and", pos) && words_from(piece, pos + 3, false, rest)) return true;
    if (pos < text_.size() && (text_[pos] == u'-' || text_[pos] == u',' || text_[pos] == u' ') &&
        words_from(piece, pos + 1, false, rest)) {
      return true;
    }
    return !mandatory && rest(pos);
  }

  bool timezone_at(const PatternPiece& piece, std::size_t pos, const std::function<bool(std::size_t)>& rest) {
    if (piece.gmt_prefix) {
      if (!literal_at(u"GMT", pos)) return false;
      pos += 3;
    }
    if (pos >= text_.size() || (text_[pos] != u'-' && text_[pos] != u'+')) return false;
    ++pos;
    const std::size_t hours = run_length(pos, is_digit);
    for (std::size_t n = hours; n >= 1; --n) {
      const std::size_t after = pos + n;
      if (!piece.separator) {
        if (rest(after)) return true;
        continue;
      }
      if (!literal_at(*piece.separator, after)) continue;
      const std::size_t minutes_at = after + piece.separator->size();
      for (std::size_t m = run_length(minutes_at, is_digit); m >= 1; --m) {
        if (rest(minutes_at + m)) return true;
      }
    }
    return false;
  }

  bool literal_at(std::u16string_view literal, std::size_t pos) const {
    if (pos + literal.size() > text_.size()) return false;
    for (std::size_t i = 0; i < literal.size(); ++i) {
      if (fold(text_[pos + i]) != fold(literal[i])) return false;
    }
    return true;
  }

  static bool in_class(std::u16string_view chars, char16_t c) {
    for (char16_t member : chars) {
      if (fold(member) == fold(c)) return true;
    }
    return false;
  }

  template <class Predicate>
  std::size_t run_length(std::size_t pos, Predicate in_run) const {
    std::size_t n = 0;
    while (pos + n < text_.size() && in_run(text_[pos + n])) ++n;
    return n;
  }

  const std::vector<PatternPiece>& pieces_;
  std::u16string_view text_;
  std::vector<std::pair<std::size_t, std::size_t>> spans_;
  std::set<std::pair<std::size_t, std::size_t>> failed_;
};

}  // namespace

std::optional<std::vector<std::u16string>> match_pattern(const std::vector<PatternPiece>& pieces,
                                                         std::u16string_view text) {
  Matcher matcher(pieces, text);
  if (!matcher.run()) return std::nullopt;
  return matcher.captures();
}

}  // namespace jobflow::jsonata::format
