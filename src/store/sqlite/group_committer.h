#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/error.h"
#include "store/sqlite/sqlite_connection.h"

namespace jobflow::store {

// Serialises every write of a SqliteStore onto its one writer connection and commits concurrent
// writes together (group commit, as LevelDB's writer queue does it):
// - a caller queues its operation; the caller at the head of the queue becomes the leader, takes
//   every operation queued behind it (up to kMaxGroup) and commits them in one transaction, on its
//   own thread. A lone writer therefore commits at once, with no hand-off and no waiting.
// - each operation runs inside its own SAVEPOINT: one that fails is rolled back alone and only its
//   caller sees the error; the others still commit.
// - every caller returns after the transaction holding its operation has committed (or failed).
class GroupCommitter {
 public:
  // Runs against the writer connection inside an open transaction. Must not commit or roll back.
  using Operation = std::function<Status(SqliteConnection&)>;

  static constexpr std::size_t kMaxGroup = 128;

  explicit GroupCommitter(std::unique_ptr<SqliteConnection> connection);

  Status run(const Operation& operation);

  // Callers waiting or being committed right now.
  std::size_t queued();
  // Transactions begun so far; with operations counted by the caller, shows how well writes group.
  std::uint64_t transactions() const { return transactions_.load(std::memory_order_relaxed); }

 private:
  struct Pending {
    explicit Pending(const Operation& op) : operation(&op) {}

    const Operation* operation;
    Status status;
    bool done = false;
    std::condition_variable wake;
  };

  // Runs without mu_ held; only the leader calls it, so the connection has one user at a time.
  void commit(const std::vector<Pending*>& group);
  void fail_all(const std::vector<Pending*>& group, const Error& error);

  std::unique_ptr<SqliteConnection> connection_;
  std::mutex mu_;
  std::deque<Pending*> queue_;  // the head is the leader, whose group is being committed
  std::atomic<std::uint64_t> transactions_{0};
};

}  // namespace jobflow::store
