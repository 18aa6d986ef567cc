#include "asl/choice/string_pattern.h"

namespace jobflow::asl {

StringPattern::StringPattern(std::string_view pattern) {
  parts_.assign(1, std::string());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size() && (pattern[i + 1] == '*' || pattern[i + 1] == '\\')) {
      parts_.back() += pattern[++i];
    } else if (c == '*') {
      parts_.emplace_back();
    } else {
      parts_.back() += c;
    }
  }
}

bool StringPattern::matches(std::string_view text) const {
  const std::string& first = parts_.front();
  if (parts_.size() == 1) return text == first;
  const std::string& last = parts_.back();
  if (text.size() < first.size() + last.size()) return false;
  if (!text.starts_with(first) || !text.ends_with(last)) return false;
  // Between the fixed prefix and suffix, the middle pieces must occur in order; taking each at
  // its leftmost occurrence leaves the most room for the rest, so no backtracking is needed.
  std::string_view middle = text.substr(first.size(), text.size() - first.size() - last.size());
  for (std::size_t i = 1; i + 1 < parts_.size(); ++i) {
    const std::string& part = parts_[i];
    std::size_t at = middle.find(part);
    if (at == std::string_view::npos) return false;
    middle.remove_prefix(at + part.size());
  }
  return true;
}

}  // namespace jobflow::asl
