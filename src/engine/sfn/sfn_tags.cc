#include "engine/sfn/sfn_tags.h"

#include <fmt/format.h>

#include <algorithm>

namespace jobflow::engine::sfn {

Status validate_tags(const std::vector<model::Tag>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const auto& t = tags[i];
    if (t.key.empty() || t.key.size() > kMaxTagKeyLength)
      return fail(Error::invalid_input(
          "validation",
          fmt::format("1 validation error detected: Value '{}' at 'tags.{}.member.key' failed to satisfy constraint: "
                      "Member must have length {}",
                      t.key, i + 1, t.key.empty() ? "greater than or equal to 1" : "less than or equal to 128")));
    if (t.value.size() > kMaxTagValueLength)
      return fail(Error::invalid_input(
          "validation",
          fmt::format("1 validation error detected: Value '{}' at 'tags.{}.member.value' failed to satisfy constraint: "
                      "Member must have length less than or equal to 256",
                      t.value, i + 1)));
  }
  return {};
}

Status merge_tags(std::vector<model::Tag>& current, const std::vector<model::Tag>& added, std::string_view resource_arn) {
  if (auto ok = validate_tags(added); !ok) return ok;
  std::vector<model::Tag> merged = current;
  for (const auto& t : added) {
    auto it = std::find_if(merged.begin(), merged.end(), [&](const model::Tag& m) { return m.key == t.key; });
    if (it != merged.end()) {
      it->value = t.value;
    } else {
      merged.push_back(t);
    }
  }
  if (merged.size() > kMaxTags)
    return fail(Error::limit_exceeded(
        "tags", fmt::format("Too many tags: '{}' would have {} tags; a resource can have at most {}.", resource_arn,
                            merged.size(), kMaxTags)));
  current = std::move(merged);
  return {};
}

void remove_tags(std::vector<model::Tag>& current, const std::vector<std::string>& keys) {
  std::erase_if(current, [&](const model::Tag& t) { return std::find(keys.begin(), keys.end(), t.key) != keys.end(); });
}

}  // namespace jobflow::engine::sfn
