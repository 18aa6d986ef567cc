#include "store/sqlite/migrations.h"

#include <array>
#include <string>

namespace jobflow::store {

namespace {

// rowid tables on purpose: bodies are JSON documents of a few KB, and WITHOUT ROWID tables are
// meant for rows far smaller than a page. Every index ends in id so ties on seq order the same way
// in every query without a sort step.
constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE records (
  kind       TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  parent     TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  state      TEXT    NOT NULL,
  created_ms INTEGER NOT NULL,
  open       INTEGER NOT NULL,
  body       BLOB    NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX records_by_seq    ON records (kind, seq, id);
CREATE INDEX records_by_parent ON records (kind, parent, seq, id);
CREATE INDEX records_by_open   ON records (kind, open, seq, id);

CREATE TABLE events (
  kind      TEXT    NOT NULL,
  entity_id TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  body      BLOB    NOT NULL,
  PRIMARY KEY (kind, entity_id, seq)
);

CREATE TABLE sequences (
  name TEXT    NOT NULL PRIMARY KEY,
  next INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE meta (
  key   TEXT NOT NULL PRIMARY KEY,
  value BLOB NOT NULL
);
)sql";

constexpr std::array kMigrations = {
    Migration{1, "records, events, sequences, meta", kInitialSchema},
};

Status roll_back(SqliteConnection& connection, Error error) {
  if (connection.in_transaction()) (void)connection.exec("ROLLBACK");
  return fail(std::move(error));
}

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

Status migrate(SqliteConnection& connection, std::span<const Migration> steps) {
  int known = 0;
  for (const Migration& step : steps) {
    if (step.version != known + 1) {
      return fail(Error::internal("schema migration " + std::to_string(step.version) +
                                  " is out of order after " + std::to_string(known)));
    }
    known = step.version;
  }
  // IMMEDIATE so that two processes opening the same file cannot both apply a step.
  if (auto begun = connection.exec("BEGIN IMMEDIATE"); !begun) return begun;
  auto current = connection.query_int("PRAGMA user_version");
  if (!current) return roll_back(connection, current.error());
  if (*current > known) {
    return roll_back(connection,
                     Error::internal("database schema version " + std::to_string(*current) +
                                     " is newer than this jobflow knows (" +
                                     std::to_string(known) + "); use a newer jobflow"));
  }
  for (const Migration& step : steps) {
    if (step.version <= *current) continue;
    if (auto applied = connection.exec(step.sql); !applied) {
      return roll_back(connection,
                       Error::internal("schema migration " + std::to_string(step.version) + " (" +
                                       std::string(step.name) + ") failed: " +
                                       applied.error().message));
    }
  }
  if (known > *current) {
    // PRAGMA takes no bound parameters; the number is ours, not user data.
    if (auto recorded = connection.exec("PRAGMA user_version = " + std::to_string(known));
        !recorded) {
      return roll_back(connection, recorded.error());
    }
  }
  if (auto committed = connection.exec("COMMIT"); !committed) {
    return roll_back(connection, committed.error());
  }
  return {};
}

}  // namespace jobflow::store
