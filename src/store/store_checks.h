#pragma once

#include <cstdint>
#include <string_view>

#include "base/error.h"
#include "store/record.h"

namespace jobflow::store {

// Rules every backend enforces the same way, so the contract suite sees identical codes and
// messages whichever backend runs underneath. Input checks run before a backend touches its data.

Status check_batch(const WriteBatch& batch);
Status check_query(const ListQuery& query);
Status check_limit(std::int64_t limit);
Status check_reserve(std::string_view name, std::int64_t count);

// The number after `first + count - 1` must still fit, or the sequence could never move on.
Status check_sequence_room(std::string_view name, std::int64_t next, std::int64_t count);

Error record_exists(std::string_view kind, std::string_view id);
Error version_mismatch(std::string_view kind, std::string_view id, std::int64_t expected_version);
Error event_exists(std::string_view kind, std::string_view entity_id, std::int64_t seq);

}  // namespace jobflow::store
