#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "store/record.h"

namespace jobflow::store {

// The durable state of jobflow. Every backend (SQLite by default, memory for tests, PostgreSQL
// later) passes the same contract suite (test/unit/store/store_contract.h).
//
// Guarantees:
// - write() is atomic and durable when it returns (against a crash of the process; see the backend
//   README for power loss). A version mismatch fails the whole batch with ErrorCode::kConflict and
//   writes nothing.
// - reserve() hands out ranges of a named sequence that are never handed out again, across restarts.
// - All methods are thread-safe.
class Store {
 public:
  virtual ~Store() = default;

  virtual Status write(const WriteBatch& batch) = 0;
  virtual Result<std::optional<Record>> get(std::string_view kind, std::string_view id) = 0;
  virtual Result<std::vector<Record>> list(const ListQuery& query) = 0;
  // Events of one entity in seq order, or newest first if reverse. after_seq is a cursor that
  // counts in that order, as ListQuery::after_seq does: 0 starts at the beginning, else only
  // events strictly past it (seq > after_seq; seq < after_seq if reverse). limit 0 = no limit.
  virtual Result<std::vector<Event>> events(std::string_view kind, std::string_view entity_id,
                                            std::int64_t after_seq, std::int64_t limit,
                                            bool reverse) = 0;

  // Reserves `count` consecutive numbers of sequence `name`; returns the first. Numbers start at 1.
  virtual Result<std::int64_t> reserve(std::string_view name, std::int64_t count) = 0;

  // Small settings that live with the data (e.g. the id salt, the schema version).
  virtual Result<std::optional<std::string>> get_meta(std::string_view key) = 0;
  virtual Status put_meta(std::string_view key, std::string_view value) = 0;
};

}  // namespace jobflow::store
