#pragma once

#include <span>
#include <string>
#include <string_view>

// Integers as English words, the reference's way (datetime.js numberToWords / wordsToNumber):
// British "and" after hundreds ("Five Hundred and Fifty-Five"), commas between magnitude groups,
// magnitudes up to Trillion reused for bigger numbers ("Ten Billion Trillion Trillion Trillion").
namespace jobflow::jsonata::format {

// `value` is a non-negative integral double. Words are Title Case; callers change the case.
// Ordinal changes only the last word ("Thirty-First", "One Hundredth", "Twentieth").
std::string number_to_words(double value, bool ordinal);

// The inverse, over lower-case text: words separated by ", ", " and ", white space or '-'.
// Any word it does not know makes the result NaN.
double words_to_number(std::string_view lower_case_text);

// Every lower-case word words_to_number knows, in the reference's order (the order of the
// alternatives in the regular expression it matches words with when parsing a timestamp).
std::span<const std::string> number_words();

}  // namespace jobflow::jsonata::format
