#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

// The replacement string of $replace with a pattern that matched: the reference's own scan (not
// JavaScript's String.replace rules).
//   $$      a literal $
//   $0      the whole match
//   $n      group n, undefined groups as nothing; n is read with as many digits as the group
//           count has, one digit fewer when that number is beyond the groups; with no groups,
//           $ and one digit is nothing
//   $ then anything that is not a number: a literal $
namespace jobflow::jsonata {

// `groups` are the match's groups in order (nullopt: the group took no part in the match).
std::string expand_replacement(std::string_view replacement, std::string_view match,
                               std::span<const std::optional<std::string>> groups);

}  // namespace jobflow::jsonata
