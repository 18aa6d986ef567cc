#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/error.h"
#include "store/sqlite/sqlite_connection.h"

namespace jobflow::store {

// Query-only connections for the read side of a SqliteStore. In WAL mode each reader works on its
// own snapshot, so reads never wait for the writer and the writer never waits for reads. A thread
// borrows a connection for one call; the pool opens another when all are busy and keeps up to
// kMaxIdle for reuse, with their prepared statements.
class ReaderPool {
 public:
  static constexpr std::size_t kMaxIdle = 16;

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<SqliteConnection> connection);
    Lease(Lease&& other) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    SqliteConnection& operator*() const { return *connection_; }
    SqliteConnection* operator->() const { return connection_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<SqliteConnection> connection_;
  };

  ReaderPool(std::string path, int busy_timeout_ms);

  Result<Lease> acquire();

 private:
  void release(std::unique_ptr<SqliteConnection> connection);

  const std::string path_;
  const int busy_timeout_ms_;
  std::mutex mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

}  // namespace jobflow::store
