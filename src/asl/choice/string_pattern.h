#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jobflow::asl {

// The pattern of the StringMatches Choice operator, compiled once: `*` matches any sequence of
// characters (also none); `\*` (written "\\*" in JSON) is a literal `*` and `\\` a literal
// backslash; every other character, a lone backslash included, stands for itself. No regex.
class StringPattern {
 public:
  StringPattern() = default;
  explicit StringPattern(std::string_view pattern);

  // Whole-string match, without allocation.
  bool matches(std::string_view text) const;

 private:
  // The literal pieces between wildcards: pattern == parts_[0] * parts_[1] * ... * parts_[n-1].
  // One piece: no wildcard (exact match).
  std::vector<std::string> parts_{std::string()};
};

}  // namespace jobflow::asl
