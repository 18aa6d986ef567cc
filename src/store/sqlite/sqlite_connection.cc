#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

namespace jobflow::store {

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, Mode mode,
                                                                 int busy_timeout_ms) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kCreate) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "sqlite open " + path + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return fail(Error::internal(std::move(message)));
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  if (mode == Mode::kQueryOnly) {
    if (auto done = connection->exec("PRAGMA query_only = ON"); !done) return fail(done.error());
  }
  return connection;
}

SqliteConnection::SqliteConnection(sqlite3* db) : db_(db) {}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status SqliteConnection::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return fail(Error::internal("sqlite exec " + text + ": " + detail));
}

Result<SqliteStatement> SqliteConnection::prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return fail(error("prepare " + std::string(sql)));
    it = statements_.emplace(std::string(sql), stmt).first;
  }
  return SqliteStatement(*this, it->second);
}

Result<std::int64_t> SqliteConnection::query_int(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return fail(stmt.error());
  auto row = stmt->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(Error::internal("sqlite: no row from " + std::string(sql)));
  return stmt->column_int(0);
}

Result<std::string> SqliteConnection::query_text(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return fail(stmt.error());
  auto row = stmt->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(Error::internal("sqlite: no row from " + std::string(sql)));
  return stmt->column_string(0);
}

std::int64_t SqliteConnection::changes() const { return sqlite3_changes64(db_); }

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Error SqliteConnection::error(std::string_view context) const {
  return Error::internal("sqlite " + std::string(context) + ": " + sqlite3_errmsg(db_) + " (" +
                         std::to_string(sqlite3_extended_errcode(db_)) + ")");
}

}  // namespace jobflow::store
