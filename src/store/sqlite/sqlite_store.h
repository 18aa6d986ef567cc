#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/group_committer.h"
#include "store/sqlite/reader_pool.h"
#include "store/store.h"

namespace jobflow::store {

struct SqliteStoreOptions {
  // NORMAL (the default) in WAL mode survives a crash or kill -9 of the process; FULL also fsyncs
  // the WAL on every commit, to survive power loss and kernel crashes, at a cost per commit.
  bool synchronous_full = false;
  // How long a connection waits for a lock held by another process on the same file.
  int busy_timeout_ms = 5000;
};

// The default Store: one SQLite file in WAL mode. One writer connection behind a GroupCommitter
// takes every write; a ReaderPool of query-only connections serves reads, which never wait for the
// writer. See src/store/README.md.
class SqliteStore final : public Store {
 public:
  using Options = SqliteStoreOptions;

  // Creates the file if needed and migrates its schema to the one this binary knows.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, Options options = {});

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
  SqliteStore(std::unique_ptr<GroupCommitter> writer, std::unique_ptr<ReaderPool> readers);

  // Declared first so it is destroyed last: the last connection to close checkpoints the WAL.
  std::unique_ptr<GroupCommitter> writer_;
  std::unique_ptr<ReaderPool> readers_;
};

}  // namespace jobflow::store
