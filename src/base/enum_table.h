#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace jobflow {

// One table per enum holds its wire strings; code never spells them out elsewhere.
template <class E, std::size_t N>
class EnumTable {
 public:
  constexpr explicit EnumTable(std::array<std::pair<E, std::string_view>, N> entries)
      : entries_(entries) {}

  constexpr std::string_view name(E value) const {
    for (const auto& [e, s] : entries_)
      if (e == value) return s;
    return {};
  }
  constexpr std::optional<E> parse(std::string_view text) const {
    for (const auto& [e, s] : entries_)
      if (s == text) return e;
    return std::nullopt;
  }
  constexpr const auto& entries() const { return entries_; }

 private:
  std::array<std::pair<E, std::string_view>, N> entries_;
};

}  // namespace jobflow
