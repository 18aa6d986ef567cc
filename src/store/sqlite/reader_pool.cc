#include "store/sqlite/reader_pool.h"

#include <utility>

namespace jobflow::store {

ReaderPool::Lease::Lease(ReaderPool& pool, std::unique_ptr<SqliteConnection> connection)
    : pool_(&pool), connection_(std::move(connection)) {}

ReaderPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

ReaderPool::ReaderPool(std::string path, int busy_timeout_ms)
    : path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms) {}

Result<ReaderPool::Lease> ReaderPool::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<SqliteConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  // Opened outside the lock: opening touches the file system.
  auto connection =
      SqliteConnection::open(path_, SqliteConnection::Mode::kQueryOnly, busy_timeout_ms_);
  if (!connection) return fail(connection.error());
  return Lease(*this, std::move(*connection));
}

void ReaderPool::release(std::unique_ptr<SqliteConnection> connection) {
  {
    std::lock_guard lock(mu_);
    if (idle_.size() < kMaxIdle) {
      idle_.push_back(std::move(connection));
      return;
    }
  }
  connection.reset();  // a surplus connection is closed outside the lock
}

}  // namespace jobflow::store
