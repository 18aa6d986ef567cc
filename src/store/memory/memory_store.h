#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "store/store.h"

namespace jobflow::store {

// A Store held in maps behind one mutex: the reference behaviour for the contract suite and a fast
// store for engine tests. Nothing survives the object. A plain mutex rather than a shared_mutex:
// glibc's reader/writer lock prefers readers, and a few busy reader threads starve every write.
class MemoryStore final : public Store {
 public:
  Status write(const WriteBatch& batch) override;
  Result<std::optional<Record>> get(std::string_view kind, std::string_view id) override;
  Result<std::vector<Record>> list(const ListQuery& query) override;
  Result<std::vector<Event>> events(std::string_view kind, std::string_view entity_id,
                                    std::int64_t after_seq, std::int64_t limit,
                                    bool reverse) override;
  Result<std::int64_t> reserve(std::string_view name, std::int64_t count) override;
  Result<std::optional<std::string>> get_meta(std::string_view key) override;
  Status put_meta(std::string_view key, std::string_view value) override;

 private:
  using RecordKey = std::pair<std::string, std::string>;                  // kind, id
  using EventKey = std::tuple<std::string, std::string, std::int64_t>;    // kind, entity, seq

  // What a batch overwrote, so a failing batch can be put back exactly as it was.
  struct Undo {
    std::vector<std::pair<RecordKey, std::optional<Record>>> records;
    std::vector<EventKey> added_events;
    std::vector<std::pair<EventKey, std::string>> removed_events;
  };

  Status apply(const WriteBatch& batch, Undo& undo);
  void roll_back(Undo& undo);

  std::mutex mu_;
  std::map<RecordKey, Record> records_;
  std::map<EventKey, std::string> events_;  // body
  std::map<std::string, std::int64_t, std::less<>> sequences_;  // next number to hand out
  std::map<std::string, std::string, std::less<>> meta_;
};

}  // namespace jobflow::store
