#include "jsonata/value/object_data.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace jobflow::jsonata {
namespace {

constexpr std::size_t kIndexFrom = 12;  // members; below this a scan is as fast

std::uint64_t index_value(std::string_view key) {
  std::uint64_t value = 0;
  std::from_chars(key.data(), key.data() + key.size(), value);
  return value;
}

}  // namespace

bool ObjectData::is_array_index(std::string_view key) {
  if (key.empty() || key.size() > 10) return false;
  if (key.size() > 1 && key[0] == '0') return false;
  for (char c : key)
    if (c < '0' || c > '9') return false;
  return index_value(key) < 4294967295ULL;
}

std::ptrdiff_t ObjectData::position(std::string_view key) const {
  if (!index_.empty()) {
    auto it = index_.find(key);
    return it == index_.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
  }
  for (std::size_t i = 0; i < members_.size(); ++i)
    if (members_[i].first == key) return static_cast<std::ptrdiff_t>(i);
  return -1;
}

const Value* ObjectData::find(std::string_view key) const {
  const auto at = position(key);
  return at < 0 ? nullptr : &members_[static_cast<std::size_t>(at)].second;
}

void ObjectData::set(std::string key, Value value) {
  if (const auto at = position(key); at >= 0) {
    members_[static_cast<std::size_t>(at)].second = std::move(value);
    return;
  }
  if (is_array_index(key)) {
    // Among the leading index keys, in numeric order.
    const std::uint64_t n = index_value(key);
    auto at = std::find_if(members_.begin(), members_.end(), [n](const auto& member) {
      return !is_array_index(member.first) || index_value(member.first) > n;
    });
    const bool last = at == members_.end();
    members_.emplace(at, std::move(key), std::move(value));
    if (!last || members_.size() >= kIndexFrom) reindex();
    else if (!index_.empty()) index_.emplace(members_.back().first, members_.size() - 1);
    return;
  }
  members_.emplace_back(std::move(key), std::move(value));
  if (!index_.empty()) {
    index_.emplace(members_.back().first, members_.size() - 1);
  } else if (members_.size() >= kIndexFrom) {
    reindex();
  }
}

bool ObjectData::erase(std::string_view key) {
  auto it = std::find_if(members_.begin(), members_.end(), [key](const auto& m) { return m.first == key; });
  if (it == members_.end()) return false;
  members_.erase(it);
  if (!index_.empty()) reindex();
  return true;
}

void ObjectData::reindex() {
  index_.clear();
  if (members_.size() < kIndexFrom) return;
  index_.reserve(members_.size());
  for (std::size_t i = 0; i < members_.size(); ++i) index_.emplace(members_[i].first, i);
}

}  // namespace jobflow::jsonata
