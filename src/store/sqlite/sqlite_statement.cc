#include "store/sqlite/sqlite_statement.h"

#include <sqlite3.h>

#include <utility>

#include "store/sqlite/sqlite_connection.h"

namespace jobflow::store {

SqliteStatement::SqliteStatement(SqliteConnection& connection, sqlite3_stmt* stmt)
    : connection_(&connection), stmt_(stmt) {}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : connection_(other.connection_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_rc_(other.bind_rc_) {}

SqliteStatement::~SqliteStatement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void SqliteStatement::note_bind(int rc) {
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void SqliteStatement::bind(int index, std::int64_t value) {
  note_bind(sqlite3_bind_int64(stmt_, index, value));
}

void SqliteStatement::bind_text(int index, std::string_view value) {
  // A non-null pointer even for "", or SQLite would store NULL.
  note_bind(sqlite3_bind_text64(stmt_, index, value.empty() ? "" : value.data(), value.size(),
                                SQLITE_STATIC, SQLITE_UTF8));
}

void SqliteStatement::bind_blob(int index, std::string_view value) {
  note_bind(sqlite3_bind_blob64(stmt_, index, value.empty() ? "" : value.data(), value.size(),
                                SQLITE_STATIC));
}

Result<bool> SqliteStatement::step() {
  if (bind_rc_ != SQLITE_OK) {
    return fail(Error::internal(std::string("sqlite bind: ") + sqlite3_errstr(bind_rc_) + " in " +
                                sqlite3_sql(stmt_)));
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return fail(connection_->error(std::string("step ") + sqlite3_sql(stmt_)));
}

Status SqliteStatement::run() {
  while (true) {
    auto row = step();
    if (!row) return fail(row.error());
    if (!*row) return {};
  }
}

std::int64_t SqliteStatement::column_int(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string SqliteStatement::column_string(int index) const {
  const void* data = sqlite3_column_blob(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  if (data == nullptr || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace jobflow::store
