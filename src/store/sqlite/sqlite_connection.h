#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"
#include "store/sqlite/sqlite_statement.h"

struct sqlite3;
struct sqlite3_stmt;

namespace jobflow::store {

// One sqlite3 handle, used by one thread at a time (opened without SQLite's own mutex), with the
// statements it has prepared cached by SQL text. SQL text is always ours; values are bound.
class SqliteConnection {
 public:
  enum class Mode { kCreate, kReadWrite, kQueryOnly };

  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, Mode mode,
                                                        int busy_timeout_ms);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // For fixed SQL only (schema, pragmas, transaction control); may hold several statements.
  Status exec(std::string_view sql);
  // The same statement object is handed out for the same text: do not nest two uses of one text.
  Result<SqliteStatement> prepare(std::string_view sql);
  // Reads one integer, e.g. a PRAGMA value.
  Result<std::int64_t> query_int(std::string_view sql);
  Result<std::string> query_text(std::string_view sql);

  std::int64_t changes() const;
  // False once SQLite has rolled a transaction back on its own (I/O error, disk full).
  bool in_transaction() const;
  Error error(std::string_view context) const;

 private:
  explicit SqliteConnection(sqlite3* db);

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

}  // namespace jobflow::store
