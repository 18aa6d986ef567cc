#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jsonata/eval/function_data.h"

// Regular expressions with JavaScript's semantics, on Boost.Regex (header-only): a JSONata
// /pattern/flags literal is translated once (js_regex_translator.h), compiled once per pattern
// and flags, and matched over the subject's UTF-16 code units, so every index is the one
// JavaScript reports.
namespace jobflow::jsonata {

class RegexMatcher {
 public:
  struct Match {
    std::size_t start = 0, end = 0;  // UTF-16 code unit indexes
    // Each group's [start, end), or nullopt when it took no part in the match.
    std::vector<std::optional<std::pair<std::size_t, std::size_t>>> groups;
  };

  // The compiled regex for `pattern` and `flags` ("i", "m"): S0303 when JavaScript would refuse
  // the pattern (or Boost cannot take it). Shared: compiled patterns are kept process-wide.
  static std::shared_ptr<const RegexMatcher> compile(std::string_view pattern, std::string_view flags);
  // The regex literal's, compiled on its first use and kept with it.
  static std::shared_ptr<const RegexMatcher> of(const FunctionData& regex);

  // RegExp.prototype.exec with lastIndex = `from` over `text` (UTF-16 units, one per wchar_t):
  // the first match starting at or after `from`.
  std::optional<Match> exec(std::wstring_view text, std::size_t from) const;

  const std::string& pattern() const { return pattern_; }

  ~RegexMatcher();
  RegexMatcher(const RegexMatcher&) = delete;
  RegexMatcher& operator=(const RegexMatcher&) = delete;

 private:
  struct Compiled;
  RegexMatcher(std::string pattern, std::unique_ptr<Compiled> compiled);

  std::string pattern_;
  std::unique_ptr<Compiled> compiled_;
};

// The reference's matcher closure for a regex value applied as a function, (str, fromIndex?):
// {match, start, end, groups, next} for the first match from fromIndex, or undefined. next()
// gives the following match (undefined after the last), D1004 when that one is empty.
// Installed as the evaluator's regex_application().
Value apply_regex(NativeCall& call, const FunctionData& regex, std::span<const Value> args);

}  // namespace jobflow::jsonata
