#include "jsonata/functions/replacement_template.h"

#include <cmath>

namespace jobflow::jsonata {
namespace {

// JavaScript's parseInt(text, 10) on a short text: leading white space, an optional sign, then
// digits; nullopt for NaN. `digits` is how many characters the number was written with as
// Number.toString() writes it (what the reference steps over).
constexpr double kLog10E = 0.4342944819032518;

struct ParsedIndex {
  long value;
  std::size_t digits;
};

std::optional<ParsedIndex> parse_int(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' ||
                             text[i] == '\v' || text[i] == '\f'))
    ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  long value = 0;
  std::size_t start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') value = value * 10 + (text[i++] - '0');
  if (i == start) return std::nullopt;
  const std::string written = std::to_string(value);  // -0 prints as "0"
  return ParsedIndex{negative ? -value : value, written.size() + (negative && value != 0 ? 1 : 0)};
}

}  // namespace

std::string expand_replacement(std::string_view replacement, std::string_view match,
                               std::span<const std::optional<std::string>> groups) {
  std::string out;
  std::size_t position = 0;
  std::size_t dollar = replacement.find('$');
  while (dollar != std::string_view::npos && position < replacement.size()) {
    out.append(replacement.substr(position, dollar - position));
    position = dollar + 1;
    const char next = position < replacement.size() ? replacement[position] : '\0';
    if (next == '$') {
      out += '$';
      ++position;
    } else if (next == '0') {
      out.append(match);
      ++position;
    } else {
      // Math.floor(Math.log(n) * Math.LOG10E) + 1, as the reference computes it (2 for 1000).
      const std::size_t max_digits =
          groups.empty() ? 1
                         : static_cast<std::size_t>(std::floor(std::log(static_cast<double>(groups.size())) * kLog10E)) + 1;
      auto index = parse_int(replacement.substr(position, max_digits));
      if (max_digits > 1 && index && index->value > static_cast<long>(groups.size()))
        index = parse_int(replacement.substr(position, max_digits - 1));
      if (index) {
        if (!groups.empty() && index->value >= 1 && index->value <= static_cast<long>(groups.size()) &&
            groups[static_cast<std::size_t>(index->value - 1)])
          out.append(*groups[static_cast<std::size_t>(index->value - 1)]);
        position += index->digits;
      } else {
        out += '$';
      }
    }
    dollar = replacement.find('$', position);
  }
  if (position < replacement.size()) out.append(replacement.substr(position));
  return out;
}

}  // namespace jobflow::jsonata
