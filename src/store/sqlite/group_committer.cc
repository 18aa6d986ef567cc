#include "store/sqlite/group_committer.h"

#include <algorithm>
#include <exception>
#include <string>

namespace jobflow::store {

namespace {

constexpr std::string_view kBegin = "BEGIN IMMEDIATE";
constexpr std::string_view kCommit = "COMMIT";
constexpr std::string_view kRollback = "ROLLBACK";
constexpr std::string_view kSavepoint = "SAVEPOINT op";
constexpr std::string_view kRelease = "RELEASE op";
constexpr std::string_view kRollbackTo = "ROLLBACK TO op";

Status run_cached(SqliteConnection& connection, std::string_view sql) {
  auto stmt = connection.prepare(sql);
  if (!stmt) return fail(stmt.error());
  return stmt->run();
}

// The store's callers must never see an exception, and a leader that threw would leave its
// followers waiting for ever.
Status guarded(const GroupCommitter::Operation& operation, SqliteConnection& connection) {
  try {
    return operation(connection);
  } catch (const std::exception& e) {
    return fail(Error::internal(std::string("store write: ") + e.what()));
  } catch (...) {
    return fail(Error::internal("store write: unknown exception"));
  }
}

}  // namespace

GroupCommitter::GroupCommitter(std::unique_ptr<SqliteConnection> connection)
    : connection_(std::move(connection)) {}

Status GroupCommitter::run(const Operation& operation) {
  Pending self(operation);
  std::vector<Pending*> group;
  {
    std::unique_lock lock(mu_);
    queue_.push_back(&self);
    self.wake.wait(lock, [&] { return self.done || queue_.front() == &self; });
    if (self.done) return std::move(self.status);
    // Leader. Entries stay queued while we commit, so newcomers wait behind us and form the next
    // group; only the leader ever removes entries.
    std::size_t size = std::min(queue_.size(), kMaxGroup);
    group.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(size));
  }
  commit(group);
  std::lock_guard lock(mu_);
  for (Pending* pending : group) {
    queue_.pop_front();
    if (pending == &self) continue;
    pending->done = true;
    // Safe while mu_ is held: the follower cannot wake and destroy `pending` before we unlock.
    pending->wake.notify_one();
  }
  if (!queue_.empty()) queue_.front()->wake.notify_one();
  return std::move(self.status);
}

std::size_t GroupCommitter::queued() {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void GroupCommitter::commit(const std::vector<Pending*>& group) {
  SqliteConnection& connection = *connection_;
  transactions_.fetch_add(1, std::memory_order_relaxed);
  if (auto begun = run_cached(connection, kBegin); !begun) {
    fail_all(group, begun.error());
    return;
  }
  for (Pending* pending : group) {
    if (auto saved = run_cached(connection, kSavepoint); !saved) {
      fail_all(group, saved.error());
      if (connection.in_transaction()) (void)run_cached(connection, kRollback);
      return;
    }
    Status status = guarded(*pending->operation, connection);
    if (status) status = run_cached(connection, kRelease);
    if (!status) {
      // Also after a failed RELEASE: the caller hears of a failure, so none of its work may stay.
      (void)run_cached(connection, kRollbackTo);
      (void)run_cached(connection, kRelease);
    }
    if (!connection.in_transaction()) {
      // SQLite rolled the whole transaction back by itself (I/O error, disk full): the work of the
      // operations before this one is gone too.
      fail_all(group, Error::internal("store write: transaction rolled back by SQLite: " +
                                      (status ? std::string("after the operation succeeded")
                                              : status.error().message)));
      return;
    }
    pending->status = std::move(status);
  }
  if (auto committed = run_cached(connection, kCommit); !committed) {
    if (connection.in_transaction()) (void)run_cached(connection, kRollback);
    fail_all(group, committed.error());
  }
}

void GroupCommitter::fail_all(const std::vector<Pending*>& group, const Error& error) {
  for (Pending* pending : group) pending->status = fail(error);
}

}  // namespace jobflow::store
