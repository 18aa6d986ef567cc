#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The matcher behind parsing a timestamp with a picture. The reference turns each part of the
// picture into a regular expression, joins them as ^(p1)(p2)...$ and executes that with the
// case-insensitive flag. The pieces it builds are simple (literals, digit runs, letter runs,
// words, timezones), so this matcher implements exactly those, with the same backtracking order
// as a JavaScript regex (greedy, alternatives left to right), and without a regex engine's cost or
// recursion limits. Case-insensitivity covers ASCII, Latin-1, Greek and Cyrillic letters.
namespace jobflow::jsonata::format {

struct PatternPiece {
  enum class Kind {
    kLiteral,    // `text`
    kDigits,     // [0-9]+, or [0-9]{exact_digits}; then (?:th|st|nd|rd) if ordinal_suffix
    kCharClass,  // [chars]+
    kWords,      // (?:word1|word2|...|and|[\-, ])+ over `words`
    kTimezone,   // (GMT)?[-+][0-9]+ then, with a separator, separator[0-9]+
  };
  Kind kind = Kind::kLiteral;
  std::u16string text;                      // kLiteral; kCharClass: the characters of the class
  int exact_digits = 0;                     // kDigits: 0 for one or more
  bool ordinal_suffix = false;              // kDigits
  std::vector<std::u16string> words;        // kWords, in the order of the alternatives
  bool gmt_prefix = false;                  // kTimezone
  std::optional<std::u16string> separator;  // kTimezone
};

// The text each piece matched, when the whole of `text` matches the pieces in sequence.
std::optional<std::vector<std::u16string>> match_pattern(const std::vector<PatternPiece>& pieces,
                                                         std::u16string_view text);

}  // namespace jobflow::jsonata::format
