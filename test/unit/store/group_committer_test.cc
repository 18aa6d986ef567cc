#include "store/sqlite/group_committer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_connection.h"
#include "unit/store/temp_dir.h"

namespace jobflow::store {
namespace {

class GroupCommitterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto writer = SqliteConnection::open(path_, SqliteConnection::Mode::kCreate, 1000);
    ASSERT_TRUE(writer) << writer.error().message;
    ASSERT_TRUE((*writer)->exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);"));
    committer_ = std::make_unique<GroupCommitter>(std::move(*writer));
    auto reader = SqliteConnection::open(path_, SqliteConnection::Mode::kQueryOnly, 1000);
    ASSERT_TRUE(reader) << reader.error().message;
    reader_ = std::move(*reader);
  }

  static GroupCommitter::Operation insert(int x) {
    return [x](SqliteConnection& connection) -> Status {
      auto stmt = connection.prepare("INSERT INTO t (x) VALUES (?1)");
      if (!stmt) return fail(stmt.error());
      stmt->bind(1, x);
      return stmt->run();
    };
  }

  // What another connection sees: only committed rows.
  std::int64_t committed_sum() {
    return reader_->query_int("SELECT coalesce(sum(x), 0) FROM t").value_or(-1);
  }

  // Spins (no sleep) until `count` callers are queued behind or in the committer.
  void wait_until_queued(std::size_t count) {
    while (committer_->queued() < count) std::this_thread::yield();
  }

  TempDir dir_;
  std::string path_ = dir_.file("g.db");
  std::unique_ptr<GroupCommitter> committer_;
  std::unique_ptr<SqliteConnection> reader_;
};

TEST_F(GroupCommitterTest, LoneOperationIsCommittedWhenRunReturns) {
  ASSERT_TRUE(committer_->run(insert(5)));
  EXPECT_EQ(committed_sum(), 5);
  EXPECT_EQ(committer_->transactions(), 1u);
  EXPECT_EQ(committer_->queued(), 0u);
}

// While one transaction runs, the callers that arrive meanwhile are committed together in the
// next one; the one among them that fails is rolled back alone and only it sees the error.
TEST_F(GroupCommitterTest, CallersWaitingTogetherShareOneTransaction) {
  std::atomic<bool> leader_inside{false};
  std::atomic<bool> release_leader{false};
  GroupCommitter::Operation slow = [&](SqliteConnection& connection) -> Status {
    leader_inside = true;
    while (!release_leader) std::this_thread::yield();
    return insert(1)(connection);
  };
  GroupCommitter::Operation refused = [](SqliteConnection& connection) -> Status {
    if (auto done = insert(1000)(connection); !done) return done;
    return fail(Error::conflict("job", "refused on purpose"));
  };

  Status leader_status;
  std::thread leader([&] { leader_status = committer_->run(slow); });
  while (!leader_inside) std::this_thread::yield();

  constexpr int kFollowers = 4;
  std::vector<Status> statuses(kFollowers);
  std::vector<std::thread> followers;
  for (int i = 0; i < kFollowers; ++i) {
    followers.emplace_back([&, i] {
      statuses[i] = committer_->run(i == 2 ? refused : insert(10 << i));
    });
  }
  wait_until_queued(1 + kFollowers);
  EXPECT_EQ(committed_sum(), 0);  // nothing visible before the commit
  release_leader = true;
  leader.join();
  for (auto& follower : followers) follower.join();

  EXPECT_TRUE(leader_status);
  for (int i = 0; i < kFollowers; ++i) {
    if (i == 2) {
      ASSERT_FALSE(statuses[i]);
      EXPECT_EQ(statuses[i].error().code, ErrorCode::kConflict);
    } else {
      EXPECT_TRUE(statuses[i]) << i;
    }
  }
  EXPECT_EQ(committed_sum(), 1 + 10 + 20 + 80);
  EXPECT_EQ(committer_->transactions(), 2u);
}

// A full disk (here: max_page_count) makes SQLite fail a statement and possibly roll back the
// whole transaction on its own. Whatever it does, a caller is told success exactly when its data
// was committed.
TEST_F(GroupCommitterTest, DiskFullReportsSuccessOnlyForCommittedWork) {
  ASSERT_TRUE(committer_->run([](SqliteConnection& connection) -> Status {
    return connection.exec("CREATE TABLE blobs (b BLOB)");
  }));
  ASSERT_TRUE(committer_->run([](SqliteConnection& connection) -> Status {
    auto pages = connection.query_int("PRAGMA page_count");
    if (!pages) return fail(pages.error());
    return connection.exec("PRAGMA max_page_count = " + std::to_string(*pages + 2));
  }));

  std::atomic<bool> leader_inside{false};
  std::atomic<bool> release_leader{false};
  GroupCommitter::Operation slow = [&](SqliteConnection& connection) -> Status {
    leader_inside = true;
    while (!release_leader) std::this_thread::yield();
    return insert(1)(connection);
  };
  GroupCommitter::Operation huge = [](SqliteConnection& connection) -> Status {
    std::string blob(1 << 20, 'x');
    auto stmt = connection.prepare("INSERT INTO blobs (b) VALUES (?1)");
    if (!stmt) return fail(stmt.error());
    stmt->bind_blob(1, blob);
    return stmt->run();
  };

  Status leader_status;
  std::thread leader([&] { leader_status = committer_->run(slow); });
  while (!leader_inside) std::this_thread::yield();
  Status before_status;
  Status huge_status;
  Status after_status;
  std::thread before([&] { before_status = committer_->run(insert(10)); });
  wait_until_queued(2);
  std::thread full([&] { huge_status = committer_->run(huge); });
  wait_until_queued(3);
  std::thread after([&] { after_status = committer_->run(insert(100)); });
  wait_until_queued(4);
  release_leader = true;
  for (std::thread* thread : {&leader, &before, &full, &after}) thread->join();

  ASSERT_FALSE(huge_status);
  EXPECT_EQ(huge_status.error().code, ErrorCode::kInternal);
  EXPECT_TRUE(leader_status);
  std::int64_t expected = 1 + (before_status ? 10 : 0) + (after_status ? 100 : 0);
  EXPECT_EQ(committed_sum(), expected);
  EXPECT_EQ(reader_->query_int("SELECT count(*) FROM blobs"), 0);
  ASSERT_TRUE(committer_->run(insert(1000)));
  EXPECT_EQ(committed_sum(), expected + 1000);
}

TEST_F(GroupCommitterTest, FailingOperationIsRolledBackAlone) {
  ASSERT_TRUE(committer_->run(insert(1)));
  auto failed = committer_->run([](SqliteConnection& connection) -> Status {
    if (auto done = insert(100)(connection); !done) return done;
    return fail(Error::conflict("job", "no"));
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(committer_->run(insert(2)));
  EXPECT_EQ(committed_sum(), 3);
}

TEST_F(GroupCommitterTest, SqlErrorInAnOperationBecomesAnInternalError) {
  auto failed = committer_->run([](SqliteConnection& connection) -> Status {
    return connection.exec("INSERT INTO missing_table VALUES (1)");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  ASSERT_TRUE(committer_->run(insert(4)));
  EXPECT_EQ(committed_sum(), 4);
}

TEST_F(GroupCommitterTest, ExceptionInAnOperationBecomesAnInternalError) {
  auto failed = committer_->run([](SqliteConnection& connection) -> Status {
    if (auto done = insert(100)(connection); !done) return done;
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  EXPECT_NE(failed.error().message.find("boom"), std::string::npos);
  ASSERT_TRUE(committer_->run(insert(7)));
  EXPECT_EQ(committed_sum(), 7);
}

}  // namespace
}  // namespace jobflow::store
