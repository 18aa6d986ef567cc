#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// An object the evaluator built. Members keep JavaScript's order: keys that are array indexes
// ("0", "17"; canonical, below 2^32 - 1) first in ascending numeric order, then the others in the
// order they were first set. Setting an existing key replaces its value in place.
class ObjectData {
 public:
  void set(std::string key, Value value);
  // The member's value, or nullptr.
  const Value* find(std::string_view key) const;
  bool erase(std::string_view key);
  std::size_t size() const { return members_.size(); }
  // Room for n members, made before setting them.
  void reserve(std::size_t n) { members_.reserve(n); }
  const std::vector<std::pair<std::string, Value>>& members() const { return members_; }

  // Whether JavaScript orders `key` as an array index (before the other keys).
  static bool is_array_index(std::string_view key);
  // Whether key `a` comes before key `b` in JavaScript's order, for a stable sort: array-index
  // keys first, ascending by value; the others keep their relative order (never "before").
  static bool js_key_before(std::string_view a, std::string_view b) {
    const bool ai = is_array_index(a), bi = is_array_index(b);
    if (ai != bi) return ai;
    if (!ai) return false;
    if (a.size() != b.size()) return a.size() < b.size();
    return a < b;
  }

 private:
  std::ptrdiff_t position(std::string_view key) const;  // -1 when absent
  void reindex();

  std::vector<std::pair<std::string, Value>> members_;
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  // Key → position in members_, built once an object is big enough that scanning would cost more
  // than hashing.
  std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index_;
};

template <class F>
void Value::for_each_member(F&& f) const {
  if (kind_ != Kind::kObject) return;
  if (storage_ == Storage::kOwned) {
    for (const auto& [key, value] : static_cast<const ObjectData*>(owned_.get())->members()) f(std::string_view(key), value);
    return;
  }
  const boost::json::object& object = json_->get_object();
  bool has_index_keys = false;
  for (const auto& member : object) has_index_keys = has_index_keys || ObjectData::is_array_index(member.key());
  if (!has_index_keys) {
    for (const auto& member : object) f(std::string_view(member.key()), Value::borrowed(member.value()));
    return;
  }
  // JavaScript lists index-like keys first, ascending, whatever the document's order.
  std::vector<const boost::json::key_value_pair*> ordered;
  ordered.reserve(object.size());
  for (const auto& member : object) ordered.push_back(&member);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto* a, const auto* b) { return ObjectData::js_key_before(a->key(), b->key()); });
  for (const auto* member : ordered) f(std::string_view(member->key()), Value::borrowed(member->value()));
}

}  // namespace jobflow::jsonata
