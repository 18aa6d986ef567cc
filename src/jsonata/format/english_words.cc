#include "jsonata/format/english_words.h"

#include <array>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace jobflow::jsonata::format {
namespace {

constexpr std::array<std::string_view, 20> kFew = {
    "Zero",    "One",     "Two",       "Three",    "Four",     "Five",    "Six",
    "Seven",   "Eight",   "Nine",      "Ten",      "Eleven",   "Twelve",  "Thirteen",
    "Fourteen", "Fifteen", "Sixteen",  "Seventeen", "Eighteen", "Nineteen"};
constexpr std::array<std::string_view, 20> kOrdinals = {
    "Zeroth",     "First",      "Second",     "Third",       "Fourth",     "Fifth",     "Sixth",
    "Seventh",    "Eighth",     "Ninth",      "Tenth",       "Eleventh",   "Twelfth",   "Thirteenth",
    "Fourteenth", "Fifteenth",  "Sixteenth",  "Seventeenth", "Eighteenth", "Nineteenth"};
// "Hundred" sits at the end of the decades as in the reference, which also gives the parser the
// (harmless) word "hundreieth".
constexpr std::array<std::string_view, 9> kDecades = {"Twenty", "Thirty", "Forty",  "Fifty",  "Sixty",
                                                      "Seventy", "Eighty", "Ninety", "Hundred"};
constexpr std::array<std::string_view, 4> kMagnitudes = {"Thousand", "Million", "Billion", "Trillion"};

std::string lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string words_below(double num, bool prev, bool ordinal) {
  std::string words;
  if (num <= 19) {
    const auto index = static_cast<std::size_t>(num);
    words = std::string(prev ? " and " : "") + std::string(ordinal ? kOrdinals[index] : kFew[index]);
  } else if (num < 100) {
    const double tens = std::floor(num / 10);
    const double remainder = std::fmod(num, 10);
    words = std::string(prev ? " and " : "") + std::string(kDecades[static_cast<std::size_t>(tens) - 2]);
    if (remainder > 0) {
      words += '-';
      words += words_below(remainder, false, ordinal);
    } else if (ordinal) {
      words = words.substr(0, words.size() - 1) + "ieth";  // Twenty -> Twentieth
    }
  } else if (num < 1000) {
    const double hundreds = std::floor(num / 100);
    const double remainder = std::fmod(num, 100);
    words = std::string(prev ? ", " : "") + std::string(kFew[static_cast<std::size_t>(hundreds)]) + " Hundred";
    if (remainder > 0) {
      words += words_below(remainder, true, ordinal);
    } else if (ordinal) {
      words += "th";
    }
  } else {
    auto magnitude = static_cast<int>(std::floor(std::log10(num) / 3));
    if (magnitude > static_cast<int>(kMagnitudes.size())) magnitude = kMagnitudes.size();  // reuse Trillion
    const double factor = std::pow(10.0, magnitude * 3);
    const double mantissa = std::floor(num / factor);
    const double remainder = num - mantissa * factor;
    words = std::string(prev ? ", " : "") + words_below(mantissa, false, false) + " " +
            std::string(kMagnitudes[static_cast<std::size_t>(magnitude) - 1]);
    if (remainder > 0) {
      words += words_below(remainder, true, ordinal);
    } else if (ordinal) {
      words += "th";
    }
  }
  return words;
}

struct WordTable {
  std::vector<std::string> words;                        // in the reference's insertion order
  std::vector<std::pair<std::string, double>> values;    // same order
};

const WordTable& word_table() {
  static const WordTable table = [] {
    WordTable t;
    auto add = [&t](std::string word, double value) {
      for (auto& [existing, existing_value] : t.values) {
        if (existing == word) {  // a later assignment overwrites, keeping the first position
          existing_value = value;
          return;
        }
      }
      t.words.push_back(word);
      t.values.emplace_back(std::move(word), value);
    };
    for (std::size_t i = 0; i < kFew.size(); ++i) add(lower(kFew[i]), static_cast<double>(i));
    for (std::size_t i = 0; i < kOrdinals.size(); ++i) add(lower(kOrdinals[i]), static_cast<double>(i));
    for (std::size_t i = 0; i < kDecades.size(); ++i) {
      const std::string word = lower(kDecades[i]);
      const double value = static_cast<double>((i + 2) * 10);
      add(word, value);
      add(word.substr(0, word.size() - 1) + "ieth", value);
    }
    add("hundredth", 100);
    for (std::size_t i = 0; i < kMagnitudes.size(); ++i) {
      const std::string word = lower(kMagnitudes[i]);
      const double value = std::pow(10.0, static_cast<double>((i + 1) * 3));
      add(word, value);
      add(word + "th", value);
    }
    return t;
  }();
  return table;
}

std::optional<double> word_value(std::string_view word) {
  for (const auto& [known, value] : word_table().values) {
    if (known == word) return value;
  }
  return std::nullopt;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// The reference splits on /,\s|\sand\s|[\s\\-]/.
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t separator = 0;
    if (text[i] == ',' && i + 1 < text.size() && is_space(text[i + 1])) {
      separator = 2;
    } else if (is_space(text[i]) && text.substr(i + 1, 3) == "and" && i + 4 < text.size() && is_space(text[i + 4])) {
      separator = 5;
    } else if (is_space(text[i]) || text[i] == '\\' || text[i] == '-') {
      separator = 1;
    }
    if (separator > 0) {
      parts.push_back(text.substr(start, i - start));
      i += separator;
      start = i;
    } else {
      ++i;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

std::string number_to_words(double value, bool ordinal) {
  if (!std::isfinite(value) || value < 0) return "";  // JSONata numbers never get here
  return words_below(value, false, ordinal);
}

double words_to_number(std::string_view text) {
  // Segments: each magnitude word multiplies the running segment; a small word after a segment of
  // a thousand or more starts a new one ("two thousand, five hundred" -> [2000, 500]).
  std::vector<double> segments{0};
  for (std::string_view part : split_words(text)) {
    const double value = word_value(part).value_or(std::nan(""));
    if (value < 100) {
      double top = segments.back();
      segments.pop_back();
      if (top >= 1000) {
        segments.push_back(top);
        top = 0;
      }
      segments.push_back(top + value);
    } else {
      // Also the path of NaN (an unknown word), which poisons the result as in the reference.
      segments.back() *= value;
    }
  }
  double sum = 0;
  for (double s : segments) sum += s;
  return sum;
}

std::span<const std::string> number_words() { return word_table().words; }

}  // namespace jobflow::jsonata::format
