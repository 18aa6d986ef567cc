#include "store/store_checks.h"

#include <limits>
#include <string>

namespace jobflow::store {

namespace {

std::string key_text(std::string_view kind, std::string_view id) {
  std::string text(kind);
  text += ' ';
  text += id;
  return text;
}

}  // namespace

Status check_batch(const WriteBatch& batch) {
  for (const WriteBatch::Put& put : batch.puts) {
    // The version chain (1 on insert, +1 per update) is what lets readers and the reconciler trust
    // `version`; a caller that skips or repeats a number is a bug we stop at the door.
    if (put.expected_version < 0 || put.record.version != put.expected_version + 1) {
      return fail(Error::invalid_input(
          put.record.kind, key_text(put.record.kind, put.record.id) + ": version " +
                               std::to_string(put.record.version) + " must be expected_version " +
                               std::to_string(put.expected_version) + " + 1"));
    }
  }
  return {};
}

Status check_query(const ListQuery& query) { return check_limit(query.limit); }

Status check_limit(std::int64_t limit) {
  if (limit < 0) {
    return fail(Error::invalid_input("store", "limit must not be negative"));
  }
  return {};
}

Status check_reserve(std::string_view name, std::int64_t count) {
  if (count <= 0) {
    return fail(Error::invalid_input(
        "sequence", "reserve(" + std::string(name) + ") needs a positive count"));
  }
  return {};
}

Status check_sequence_room(std::string_view name, std::int64_t next, std::int64_t count) {
  if (next > std::numeric_limits<std::int64_t>::max() - count) {
    return fail(Error::limit_exceeded("sequence", "sequence " + std::string(name) + " is exhausted"));
  }
  return {};
}

Error record_exists(std::string_view kind, std::string_view id) {
  return Error::conflict(std::string(kind), key_text(kind, id) + " already exists");
}

Error version_mismatch(std::string_view kind, std::string_view id, std::int64_t expected_version) {
  return Error::conflict(std::string(kind), key_text(kind, id) + " is not at version " +
                                                std::to_string(expected_version));
}

Error event_exists(std::string_view kind, std::string_view entity_id, std::int64_t seq) {
  return Error::conflict(std::string(kind), "event " + std::to_string(seq) + " of " +
                                                key_text(kind, entity_id) + " already exists");
}

}  // namespace jobflow::store
