#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/tag.h"

namespace jobflow::engine::sfn {

inline constexpr std::size_t kMaxTags = 50;
inline constexpr std::size_t kMaxTagKeyLength = 128;
inline constexpr std::size_t kMaxTagValueLength = 256;

// Checks key (1–128) and value (0–256) lengths; ValidationException texts as AWS writes them.
Status validate_tags(const std::vector<model::Tag>& tags);

// TagResource: adds or overwrites by key. More than 50 tags in the result is
// Error{kLimitExceeded, "tags"} (TooManyTags) and leaves `current` unchanged.
Status merge_tags(std::vector<model::Tag>& current, const std::vector<model::Tag>& added, std::string_view resource_arn);

// UntagResource: removes the keys that are present; unknown keys are ignored.
void remove_tags(std::vector<model::Tag>& current, const std::vector<std::string>& keys);

}  // namespace jobflow::engine::sfn
