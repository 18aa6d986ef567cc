#include "store/sqlite/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_connection.h"
#include "unit/store/temp_dir.h"

namespace jobflow::store {
namespace {

// Without IF NOT EXISTS: running a step twice would fail, so these also prove steps run once.
constexpr Migration kFirst{1, "table a", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"};
constexpr Migration kSecond{2, "table b", "CREATE TABLE b (y INTEGER);"};
constexpr Migration kBroken{2, "broken", "CREATE TABLE c (z INTEGER); NOT SQL AT ALL;"};

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteConnection::open(dir_.file("m.db"), SqliteConnection::Mode::kCreate, 1000);
    ASSERT_TRUE(opened) << opened.error().message;
    connection_ = std::move(*opened);
  }

  std::int64_t version() { return connection_->query_int("PRAGMA user_version").value_or(-1); }

  bool has_table(const std::string& name) {
    auto stmt = connection_->prepare("SELECT count(*) FROM sqlite_schema WHERE name = ?1");
    if (!stmt) return false;
    stmt->bind_text(1, name);
    auto row = stmt->step();
    return row && *row && stmt->column_int(0) == 1;
  }

  TempDir dir_;
  std::unique_ptr<SqliteConnection> connection_;
};

TEST_F(MigrationsTest, AppliesPendingStepsInOrderAndEachOnlyOnce) {
  std::vector<Migration> one{kFirst};
  ASSERT_TRUE(migrate(*connection_, one));
  EXPECT_EQ(version(), 1);
  EXPECT_TRUE(has_table("a"));
  EXPECT_FALSE(has_table("b"));

  std::vector<Migration> two{kFirst, kSecond};
  auto migrated = migrate(*connection_, two);
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(version(), 2);
  EXPECT_TRUE(has_table("b"));
  EXPECT_EQ(connection_->query_int("SELECT count(*) FROM a"), 1);

  ASSERT_TRUE(migrate(*connection_, two));
  EXPECT_EQ(version(), 2);
}

TEST_F(MigrationsTest, FailingStepLeavesTheDatabaseAsItWas) {
  std::vector<Migration> steps{kFirst, kBroken};
  auto migrated = migrate(*connection_, steps);
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().code, ErrorCode::kInternal);
  EXPECT_THAT(migrated.error().message, ::testing::HasSubstr("broken"));
  EXPECT_EQ(version(), 0);
  EXPECT_FALSE(has_table("a"));
  EXPECT_FALSE(has_table("c"));
  EXPECT_FALSE(connection_->in_transaction());
}

TEST_F(MigrationsTest, RefusesADatabaseNewerThanTheSteps) {
  std::vector<Migration> two{kFirst, kSecond};
  ASSERT_TRUE(migrate(*connection_, two));
  std::vector<Migration> one{kFirst};
  auto migrated = migrate(*connection_, one);
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().code, ErrorCode::kInternal);
  EXPECT_THAT(migrated.error().message, ::testing::HasSubstr("newer"));
  EXPECT_EQ(version(), 2);
  EXPECT_FALSE(connection_->in_transaction());
}

TEST_F(MigrationsTest, RejectsStepsOutOfOrder) {
  std::vector<Migration> steps{kSecond, kFirst};
  auto migrated = migrate(*connection_, steps);
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().code, ErrorCode::kInternal);
  EXPECT_EQ(version(), 0);
}

TEST_F(MigrationsTest, RealStepsAreNumberedFromOneAndApplyToAnEmptyFile) {
  auto steps = schema_migrations();
  ASSERT_FALSE(steps.empty());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].version, static_cast<int>(i) + 1);
  }
  EXPECT_EQ(latest_schema_version(), static_cast<int>(steps.size()));
  ASSERT_TRUE(migrate(*connection_, steps));
  EXPECT_EQ(version(), latest_schema_version());
  for (const char* table : {"records", "events", "sequences", "meta"}) {
    EXPECT_TRUE(has_table(table)) << table;
  }
}

// An older database (every step but the newest) is brought up to date without losing data.
TEST_F(MigrationsTest, RealStepsUpgradeAnOlderDatabase) {
  auto steps = schema_migrations();
  ASSERT_TRUE(migrate(*connection_, steps.first(steps.size() - 1)));
  EXPECT_EQ(version(), latest_schema_version() - 1);
  ASSERT_TRUE(migrate(*connection_, steps));
  EXPECT_EQ(version(), latest_schema_version());
}

}  // namespace
}  // namespace jobflow::store
