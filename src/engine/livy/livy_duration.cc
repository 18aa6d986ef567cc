#include "engine/livy/livy_duration.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace jobflow::engine::livy {

Result<std::int64_t> parse_livy_time_ms(std::string_view text) {
  auto invalid = [&] { return fail(Error::invalid_input("time", "Invalid time string: " + std::string(text))); };
  std::string s(text);
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), [](unsigned char c) { return !std::isspace(c); }));
  s.erase(std::find_if(s.rbegin(), s.rend(), [](unsigned char c) { return !std::isspace(c); }).base(), s.end());
  if (s.empty()) return invalid();
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t i = 0;
  bool negative = false;
  if (s[i] == '-') {
    negative = true;
    ++i;
  }
  const std::size_t digits_from = i;
  std::int64_t value = 0;
  for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
    if (value > (INT64_MAX - 9) / 10) return invalid();
    value = value * 10 + (s[i] - '0');
  }
  if (i == digits_from) return invalid();
  const std::string suffix = s.substr(i);
  if (!std::all_of(suffix.begin(), suffix.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return invalid();
  std::int64_t unit_us = 1000;  // milliseconds by default
  if (suffix.empty() || suffix == "ms") unit_us = 1000;
  else if (suffix == "us") unit_us = 1;
  else if (suffix == "s") unit_us = 1'000'000;
  else if (suffix == "m" || suffix == "min") unit_us = 60'000'000;
  else if (suffix == "h") unit_us = 3'600'000'000;
  else if (suffix == "d") unit_us = 86'400'000'000;
  else return fail(Error::invalid_input("time", "Invalid suffix: \"" + suffix + "\""));
  if (negative) return fail(Error::invalid_input("time", "Invalid value: -" + std::to_string(value)));
  if (value > INT64_MAX / unit_us) return invalid();
  return value * unit_us / 1000;
}

}  // namespace jobflow::engine::livy
