#include "jsonata/functions/unicode_case.h"

#include <algorithm>
#include <span>
#include <unordered_map>
#include <vector>

#include "base/utf8.h"
#include "jsonata/format/unicode_text.h"
#include "jsonata/functions/unicode_case_table.h"

namespace jobflow::jsonata {
namespace {

using namespace unicode_case;

bool in_ranges(std::span<const CodeRange> ranges, char32_t cp) {
  auto it = std::lower_bound(ranges.begin(), ranges.end(), cp, [](const CodeRange& r, char32_t c) { return r.last < c; });
  return it != ranges.end() && it->first <= cp;
}

// Appends the mapping of `cp` (itself when it has none).
void append_mapped(std::string& out, char32_t cp, std::span<const CaseRun> runs, std::span<const SpecialCase> special) {
  auto s = std::lower_bound(special.begin(), special.end(), cp, [](const SpecialCase& c, char32_t v) { return c.from < v; });
  if (s != special.end() && s->from == cp) {
    for (char32_t to : s->to)
      if (to != 0) append_utf8(out, to);
    return;
  }
  auto r = std::lower_bound(runs.begin(), runs.end(), cp, [](const CaseRun& run, char32_t v) { return run.last < v; });
  if (r != runs.end() && r->first <= cp && (cp - r->first) % r->stride == 0) {
    append_utf8(out, static_cast<char32_t>(static_cast<std::int32_t>(cp) + r->delta));
    return;
  }
  append_utf8(out, cp);
}

// Final_Sigma: a cased letter before (case-ignorable ones skipped) and none after.
bool final_sigma(const std::u32string& text, std::size_t at) {
  const std::span<const CodeRange> cased(kCased, kCasedCount);
  const std::span<const CodeRange> ignorable(kCaseIgnorable, kCaseIgnorableCount);
  bool before = false;
  for (std::size_t i = at; i-- > 0;) {
    if (in_ranges(ignorable, text[i])) continue;
    before = in_ranges(cased, text[i]);
    break;
  }
  if (!before) return false;
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (in_ranges(ignorable, text[i])) continue;
    return !in_ranges(cased, text[i]);
  }
  return true;
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Canonicalize(ch) for every BMP code unit, and the units sharing each canonical value.
class IgnoreCaseClasses {
 public:
  IgnoreCaseClasses() : canonical_(0x10000) {
    const std::span<const CaseRun> runs(kUpperRuns, kUpperRunCount);
    const std::span<const SpecialCase> special(kUpperSpecial, kUpperSpecialCount);
    for (char32_t unit = 0; unit < 0x10000; ++unit) {
      char16_t canonical = static_cast<char16_t>(unit);
      if (unit < 0xD800 || unit > 0xDFFF) {
        std::string upper;
        append_mapped(upper, unit, runs, special);
        const std::u32string mapped = format::to_code_points(upper);
        if (mapped.size() == 1 && mapped[0] < 0x10000 && !(unit >= 0x80 && mapped[0] < 0x80))
          canonical = static_cast<char16_t>(mapped[0]);
      }
      canonical_[unit] = canonical;
    }
    for (char32_t unit = 0; unit < 0x10000; ++unit) members_[canonical_[unit]].push_back(static_cast<char16_t>(unit));
  }

  std::u16string variants(char16_t unit) const {
    auto it = members_.find(canonical_[unit]);
    return it == members_.end() ? std::u16string(1, unit) : it->second;
  }

 private:
  std::vector<char16_t> canonical_;
  std::unordered_map<char16_t, std::u16string> members_;
};

}  // namespace

std::u16string js_ignore_case_variants(char16_t unit) {
  static const IgnoreCaseClasses classes;
  return classes.variants(unit);
}

std::string to_upper_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  if (is_ascii(text)) {
    for (char c : text) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    return out;
  }
  const std::span<const CaseRun> runs(kUpperRuns, kUpperRunCount);
  const std::span<const SpecialCase> special(kUpperSpecial, kUpperSpecialCount);
  for (char32_t cp : format::to_code_points(text)) append_mapped(out, cp, runs, special);
  return out;
}

std::string to_lower_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  if (is_ascii(text)) {
    for (char c : text) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return out;
  }
  const std::span<const CaseRun> runs(kLowerRuns, kLowerRunCount);
  const std::span<const SpecialCase> special(kLowerSpecial, kLowerSpecialCount);
  const std::u32string code_points = format::to_code_points(text);
  for (std::size_t i = 0; i < code_points.size(); ++i) {
    if (code_points[i] == 0x3A3 && final_sigma(code_points, i)) {
      append_utf8(out, 0x3C2);
    } else {
      append_mapped(out, code_points[i], runs, special);
    }
  }
  return out;
}

}  // namespace jobflow::jsonata
