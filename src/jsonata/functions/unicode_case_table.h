#pragma once

#include <cstddef>
#include <cstdint>

// The tables unicode_case.cc works from, generated (generate_unicode_case_table.py).
namespace jobflow::jsonata::unicode_case {

// Code points first, first + stride, ... last map to themselves + delta.
struct CaseRun {
  char32_t first, last;
  std::uint8_t stride;
  std::int32_t delta;
};
// A code point that maps to several (up to three).
struct SpecialCase {
  char32_t from;
  char32_t to[3];
};
struct CodeRange {
  char32_t first, last;
};

extern const CaseRun kUpperRuns[];
extern const std::size_t kUpperRunCount;
extern const SpecialCase kUpperSpecial[];
extern const std::size_t kUpperSpecialCount;
extern const CaseRun kLowerRuns[];
extern const std::size_t kLowerRunCount;
extern const SpecialCase kLowerSpecial[];
extern const std::size_t kLowerSpecialCount;
extern const CodeRange kCased[];
extern const std::size_t kCasedCount;
extern const CodeRange kCaseIgnorable[];
extern const std::size_t kCaseIgnorableCount;

}  // namespace jobflow::jsonata::unicode_case
