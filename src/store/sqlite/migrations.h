#pragma once

#include <span>
#include <string_view>

#include "base/error.h"
#include "store/sqlite/sqlite_connection.h"

namespace jobflow::store {

// One step of the SQLite schema. Steps are numbered 1, 2, 3 ...; a database records the last step
// it has in PRAGMA user_version (0 for a new file). Never edit a released step: append a new one.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The steps this binary knows, in order.
std::span<const Migration> schema_migrations();
int latest_schema_version();

// Brings the database up to the last of `steps` in one IMMEDIATE transaction: either every pending
// step applies or none does. A database already past the last step is refused (kInternal), since
// this binary cannot know what the newer schema means.
Status migrate(SqliteConnection& connection, std::span<const Migration> steps);

}  // namespace jobflow::store
