#pragma once

#include <string>
#include <string_view>

// JavaScript's String.prototype.toUpperCase / toLowerCase (locale-independent Unicode default
// case conversion): full mappings (ß → SS, İ → i̇), and Σ → ς at the end of a word (Final_Sigma).
// Lone surrogates are left as they are.
namespace jobflow::jsonata {

std::string to_upper_case(std::string_view text);
std::string to_lower_case(std::string_view text);

// The UTF-16 code units a case-insensitive JavaScript regex (no `u` flag) takes as equal to
// `unit`, itself included: those with the same Canonicalize(), the unit's toUpperCase() when
// that is one code unit and does not turn a non-ASCII unit into an ASCII one.
std::u16string js_ignore_case_variants(char16_t unit);

}  // namespace jobflow::jsonata
