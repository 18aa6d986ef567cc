#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_connection.h"
#include "unit/store/store_contract.h"
#include "unit/store/temp_dir.h"

namespace jobflow::store {
namespace {

struct SqliteStoreFactory {
  std::unique_ptr<Store> make() {
    auto store = SqliteStore::open(dir.file("jobflow.db"));
    if (!store) {
      ADD_FAILURE() << store.error().message;
      return nullptr;
    }
    return std::move(*store);
  }

  TempDir dir;
};

}  // namespace

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Types<SqliteStoreFactory>);
}  // namespace contract

namespace {

using contract::fields;
using contract::insert;
using contract::make_event;
using contract::make_record;
using contract::seqs;

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> open_store(SqliteStore::Options options = {}) {
    auto store = SqliteStore::open(path_, options);
    if (!store) {
      ADD_FAILURE() << store.error().message;
      return nullptr;
    }
    return std::move(*store);
  }

  std::int64_t user_version() {
    auto connection = SqliteConnection::open(path_, SqliteConnection::Mode::kReadWrite, 1000);
    if (!connection) return -1;
    return (*connection)->query_int("PRAGMA user_version").value_or(-1);
  }

  TempDir dir_;
  std::string path_ = dir_.file("jobflow.db");
};

TEST_F(SqliteStoreTest, ReopenKeepsRecordsEventsMetaAndSequences) {
  Record record = make_record("job", "j-1", 3, "c1", "RUNNING", 1234, true, "{\"x\":1}");
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    WriteBatch batch = insert(record);
    batch.events = {make_event("job", "j-1", 1), make_event("job", "j-1", 2)};
    ASSERT_TRUE(store->write(batch));
    ASSERT_TRUE(store->put_meta("id_salt", "pepper"));
    ASSERT_EQ(store->reserve("job", 10), 1);
  }
  auto store = open_store();
  ASSERT_TRUE(store);
  auto got = store->get("job", "j-1");
  ASSERT_TRUE(got && *got);
  EXPECT_EQ(fields(**got), fields(record));
  auto events = store->events("job", "j-1", 0, 0, false);
  ASSERT_TRUE(events);
  EXPECT_EQ(seqs(*events), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(store->get_meta("id_salt").value(), std::optional<std::string>("pepper"));
  ListQuery query;
  query.kind = "job";
  query.open_only = true;
  auto listed = store->list(query);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 1u);
}

TEST_F(SqliteStoreTest, ReserveContinuesAfterReopen) {
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    EXPECT_EQ(store->reserve("job", 5), 1);
    EXPECT_EQ(store->reserve("job", 1), 6);
  }
  auto store = open_store();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->reserve("job", 1), 7);
  EXPECT_EQ(store->reserve("other", 1), 1);
}

TEST_F(SqliteStoreTest, EmptyFileIsMigratedToTheLatestSchemaInWalMode) {
  std::ofstream(path_).close();
  auto store = open_store();
  ASSERT_TRUE(store);
  EXPECT_EQ(user_version(), latest_schema_version());
  auto connection = SqliteConnection::open(path_, SqliteConnection::Mode::kReadWrite, 1000);
  ASSERT_TRUE(connection);
  EXPECT_EQ((*connection)->query_text("PRAGMA journal_mode"), "wal");
  for (const char* table : {"records", "events", "sequences", "meta"}) {
    auto stmt = (*connection)->prepare("SELECT count(*) FROM sqlite_schema WHERE name = ?1");
    ASSERT_TRUE(stmt);
    stmt->bind_text(1, table);
    ASSERT_EQ(stmt->step(), true);
    EXPECT_EQ(stmt->column_int(0), 1) << table;
  }
  EXPECT_TRUE(store->write(insert(make_record("job", "j-1"))));
}

TEST_F(SqliteStoreTest, ReopeningAMigratedFileKeepsItsVersion) {
  { ASSERT_TRUE(open_store()); }
  { ASSERT_TRUE(open_store()); }
  EXPECT_EQ(user_version(), latest_schema_version());
}

TEST_F(SqliteStoreTest, RefusesASchemaNewerThanItKnows) {
  { ASSERT_TRUE(open_store()); }
  {
    auto connection = SqliteConnection::open(path_, SqliteConnection::Mode::kReadWrite, 1000);
    ASSERT_TRUE(connection);
    ASSERT_TRUE((*connection)->exec("PRAGMA user_version = " +
                                    std::to_string(latest_schema_version() + 1)));
  }
  auto store = SqliteStore::open(path_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInternal);
  EXPECT_THAT(store.error().message, ::testing::HasSubstr("newer"));
  EXPECT_EQ(user_version(), latest_schema_version() + 1);
}

TEST_F(SqliteStoreTest, RefusesAFileThatIsNotADatabase) {
  std::ofstream(path_) << std::string(8192, 'x');
  auto store = SqliteStore::open(path_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInternal);
}

TEST_F(SqliteStoreTest, ReportsAMissingDirectory) {
  auto store = SqliteStore::open(dir_.file("no/such/dir/jobflow.db"));
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kInternal);
}

TEST_F(SqliteStoreTest, SynchronousFullStoresTheSameWay) {
  SqliteStore::Options options;
  options.synchronous_full = true;
  {
    auto store = open_store(options);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->write(insert(make_record("job", "j-1"))));
  }
  auto store = open_store();
  ASSERT_TRUE(store);
  auto got = store->get("job", "j-1");
  ASSERT_TRUE(got);
  EXPECT_TRUE(*got);
}

// Two stores on one file (two servers started by mistake, or a tool beside the server) still hand
// out every number once: the writers take turns through SQLite's lock and busy timeout.
TEST_F(SqliteStoreTest, TwoStoresOnOneFileShareTheSequence) {
  auto first = open_store();
  auto second = open_store();
  ASSERT_TRUE(first && second);
  constexpr int kCalls = 50;
  std::vector<std::int64_t> a;
  std::vector<std::int64_t> b;
  std::thread other([&] {
    for (int i = 0; i < kCalls; ++i) b.push_back(second->reserve("job", 1).value_or(-1));
  });
  for (int i = 0; i < kCalls; ++i) a.push_back(first->reserve("job", 1).value_or(-1));
  other.join();
  std::vector<std::int64_t> all = a;
  all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], static_cast<std::int64_t>(i) + 1);
}

// The durability promise: once write() has returned, the data survives kill -9 of the process.
TEST_F(SqliteStoreTest, CommittedWritesSurviveKillOfTheProcess) {
  // "fast" (fork) style: the child must write to this test's temp dir, which a re-executed
  // ("threadsafe") child would create anew.
  GTEST_FLAG_SET(death_test_style, "fast");
  EXPECT_EXIT(
      {
        auto store = SqliteStore::open(path_);
        if (!store) std::_Exit(1);
        for (int i = 1; i <= 20; ++i) {
          WriteBatch batch = insert(make_record("job", "j-" + std::to_string(i), i));
          batch.events = {make_event("job", "j-" + std::to_string(i), 1)};
          if (!(*store)->write(batch)) std::_Exit(2);
        }
        if (!(*store)->reserve("job", 20)) std::_Exit(3);
        std::raise(SIGKILL);
      },
      ::testing::KilledBySignal(SIGKILL), "");
  auto store = open_store();
  ASSERT_TRUE(store);
  ListQuery query;
  query.kind = "job";
  auto listed = store->list(query);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 20u);
  auto events = store->events("job", "j-20", 0, 0, false);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->size(), 1u);
  EXPECT_EQ(store->reserve("job", 1), 21);
}

}  // namespace
}  // namespace jobflow::store
