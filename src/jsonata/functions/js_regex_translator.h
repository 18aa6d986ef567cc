#pragma once

#include <string>
#include <string_view>

#include "jsonata/error/jsonata_error.h"

// A JavaScript regular expression (ECMAScript 2022 syntax with Annex B, no `u` flag, as the
// reference compiles a JSONata /pattern/flags literal) rewritten for Boost.Regex's Perl syntax,
// to be matched over UTF-16 code units held one per wchar_t. What differs is spelled out:
//   .            [^\n\r\x{2028}\x{2029}]  (JavaScript's line terminators only)
//   ^ $          \A \z, or with the `m` flag look-arounds for those line terminators
//   \d \w \s     their ASCII / JavaScript-white-space sets (Boost would ask the locale)
//   \v \uXXXX \xHH \cX \0 and legacy octal escapes   the code unit itself
//   \N           a back reference when there are N groups, else Annex B's octal or digit
//   [\b]         backspace; [^] any unit; [] nothing
//   \k           a named back reference when the pattern names groups, else 'k'
//   other escaped letters and a literal [ inside a class: the character itself
// Constructs JavaScript refuses that Boost would take ((?i), (?>…), (?#…), …) are refused.
namespace jobflow::jsonata {

struct TranslatedRegex {
  std::wstring pattern;  // for boost::wregex, one UTF-16 code unit per wchar_t
  bool ignore_case = false;
};

// `pattern` as written between the slashes (UTF-8), `flags` any of "i" and "m". An error is
// S0303 with the reason.
JResult<TranslatedRegex> translate_js_regex(std::string_view pattern, std::string_view flags);

}  // namespace jobflow::jsonata
