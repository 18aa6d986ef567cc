#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

struct sqlite3_stmt;

namespace jobflow::store {

class SqliteConnection;

// One use of a prepared statement that the connection keeps cached. Binds take string_views
// without copying, so the bound data must outlive this object; the destructor resets the
// statement, which also ends the read snapshot a half-stepped SELECT would otherwise keep open.
// Bind failures are remembered and reported by the next step(), so call sites stay linear.
class SqliteStatement {
 public:
  SqliteStatement(SqliteConnection& connection, sqlite3_stmt* stmt);
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  ~SqliteStatement();

  void bind(int index, std::int64_t value);
  void bind_text(int index, std::string_view value);
  void bind_blob(int index, std::string_view value);

  // true while a row is available, false once the statement is done.
  Result<bool> step();
  // Runs a statement that returns no rows we care about.
  Status run();

  std::int64_t column_int(int index) const;
  // Text and blob columns alike, byte for byte (bodies may hold any bytes).
  std::string column_string(int index) const;

 private:
  void note_bind(int rc);

  SqliteConnection* connection_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = 0;  // SQLITE_OK
};

}  // namespace jobflow::store
