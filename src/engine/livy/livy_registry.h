#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/error.h"
#include "engine/livy/livy_ids.h"

namespace jobflow::engine::livy {

// The batches, or the sessions, a server has registered: by id in creation order (Livy lists
// them so) and by name. Thread-safe; the entries guard themselves.
template <class Entry>
class LivyRegistry {
 public:
  using Ptr = std::shared_ptr<Entry>;

  explicit LivyRegistry(std::string resource) : resource_(std::move(resource)) {}

  // `{id}` of a route: an id when all digits, else a name; Livy's 404 otherwise.
  Result<Ptr> find(std::string_view id_or_name) const {
    std::shared_lock lock(mu_);
    std::optional<std::int64_t> id = as_livy_id(id_or_name);
    if (!id) {
      auto named = by_name_.find(std::string(id_or_name));
      if (named != by_name_.end()) id = named->second;
    }
    if (id) {
      auto it = by_id_.find(*id);
      if (it != by_id_.end()) return it->second;
    }
    return fail(livy_not_found(resource_, id_or_name));
  }

  // Entries [from, from + size) in creation order (size < 0: to the end), and how many there are.
  std::pair<std::vector<Ptr>, std::int64_t> slice(std::int64_t from, std::int64_t size) const {
    std::shared_lock lock(mu_);
    std::vector<Ptr> out;
    std::int64_t index = 0;
    for (const auto& [id, entry] : by_id_) {
      if (size >= 0 && static_cast<std::int64_t>(out.size()) >= size) break;
      if (index++ < from) continue;
      out.push_back(entry);
    }
    return {std::move(out), static_cast<std::int64_t>(by_id_.size())};
  }

  std::vector<Ptr> all() const { return slice(0, -1).first; }

  bool has_name(const std::string& name) const {
    std::shared_lock lock(mu_);
    return by_name_.contains(name);
  }

  void add(std::int64_t id, const std::optional<std::string>& name, Ptr entry) {
    std::unique_lock lock(mu_);
    by_id_[id] = std::move(entry);
    if (name) by_name_[*name] = id;
  }

  void remove(std::int64_t id, const std::optional<std::string>& name) {
    std::unique_lock lock(mu_);
    by_id_.erase(id);
    if (name) by_name_.erase(*name);
  }

 private:
  std::string resource_;
  mutable std::shared_mutex mu_;
  std::map<std::int64_t, Ptr> by_id_;
  std::unordered_map<std::string, std::int64_t> by_name_;
};

}  // namespace jobflow::engine::livy
