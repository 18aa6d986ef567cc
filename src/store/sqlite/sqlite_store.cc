#include "store/sqlite/sqlite_store.h"

#include <exception>
#include <string>
#include <utility>

#include "store/sqlite/migrations.h"
#include "store/store_checks.h"

namespace jobflow::store {

namespace {

constexpr std::string_view kInsertRecord =
    "INSERT INTO records (kind, id, parent, seq, version, state, created_ms, open, body) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING";
constexpr std::string_view kUpdateRecord =
    "UPDATE records SET parent = ?3, seq = ?4, version = ?5, state = ?6, created_ms = ?7, "
    "open = ?8, body = ?9 WHERE kind = ?1 AND id = ?2 AND version = ?10";
constexpr std::string_view kDeleteRecord = "DELETE FROM records WHERE kind = ?1 AND id = ?2";
constexpr std::string_view kDeleteEvents = "DELETE FROM events WHERE kind = ?1 AND entity_id = ?2";
constexpr std::string_view kInsertEvent =
    "INSERT INTO events (kind, entity_id, seq, body) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view kSelectSequence = "SELECT next FROM sequences WHERE name = ?1";
constexpr std::string_view kStoreSequence =
    "INSERT INTO sequences (name, next) VALUES (?1, ?2) "
    "ON CONFLICT (name) DO UPDATE SET next = excluded.next";
constexpr std::string_view kPutMeta =
    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
constexpr std::string_view kGetMeta = "SELECT value FROM meta WHERE key = ?1";
constexpr std::string_view kGetRecord =
    "SELECT id, parent, seq, version, state, created_ms, open, body FROM records "
    "WHERE kind = ?1 AND id = ?2";

// Events: ?1 kind, ?2 entity, ?3 cursor, ?4 limit (-1: none). Indexed [reverse][has cursor].
constexpr std::string_view kEvents[2][2] = {
    {"SELECT seq, body FROM events WHERE kind = ?1 AND entity_id = ?2 "
     "ORDER BY seq ASC LIMIT ?4",
     "SELECT seq, body FROM events WHERE kind = ?1 AND entity_id = ?2 AND seq > ?3 "
     "ORDER BY seq ASC LIMIT ?4"},
    {"SELECT seq, body FROM events WHERE kind = ?1 AND entity_id = ?2 "
     "ORDER BY seq DESC LIMIT ?4",
     "SELECT seq, body FROM events WHERE kind = ?1 AND entity_id = ?2 AND seq < ?3 "
     "ORDER BY seq DESC LIMIT ?4"},
};

// list() parameters by number; a clause is in the SQL only when the query uses it, so that SQLite
// can pick the index that fits (kind+parent, kind+open or kind alone).
constexpr int kListKind = 1;
constexpr int kListParent = 2;
constexpr int kListCreatedAfter = 3;
constexpr int kListCreatedBefore = 4;
constexpr int kListCursor = 5;
constexpr int kListLimit = 6;
constexpr int kListFirstState = 7;

// The SQL depends on the shape of the query only (which filters, how many states), never on its
// values, so each shape is prepared once per connection.
std::string list_sql(const ListQuery& query) {
  std::string sql =
      "SELECT id, parent, seq, version, state, created_ms, open, body FROM records "
      "WHERE kind = ?1 AND created_ms >= ?3 AND created_ms <= ?4";
  if (!query.parent.empty()) sql += " AND parent = ?2";
  if (query.open_only) sql += " AND open = 1";
  if (query.after_seq != 0) sql += query.newest_first ? " AND seq < ?5" : " AND seq > ?5";
  if (!query.states.empty()) {
    sql += " AND state IN (";
    for (std::size_t i = 0; i < query.states.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += '?' + std::to_string(kListFirstState + static_cast<int>(i));
    }
    sql += ')';
  }
  sql += query.newest_first ? " ORDER BY seq DESC, id DESC" : " ORDER BY seq ASC, id ASC";
  sql += " LIMIT ?6";
  return sql;
}

// Columns as selected by kGetRecord and list_sql().
Record read_record(const SqliteStatement& stmt, std::string_view kind) {
  Record record;
  record.kind = std::string(kind);
  record.id = stmt.column_string(0);
  record.parent = stmt.column_string(1);
  record.seq = stmt.column_int(2);
  record.version = stmt.column_int(3);
  record.state = stmt.column_string(4);
  record.created_ms = stmt.column_int(5);
  record.open = stmt.column_int(6) != 0;
  record.body = stmt.column_string(7);
  return record;
}

void bind_record(SqliteStatement& stmt, const Record& record) {
  stmt.bind_text(1, record.kind);
  stmt.bind_text(2, record.id);
  stmt.bind_text(3, record.parent);
  stmt.bind(4, record.seq);
  stmt.bind(5, record.version);
  stmt.bind_text(6, record.state);
  stmt.bind(7, record.created_ms);
  stmt.bind(8, record.open ? 1 : 0);
  stmt.bind_blob(9, record.body);
}

// Runs one statement that changes at most one row; returns whether it did.
Result<bool> changed_one(SqliteConnection& connection, SqliteStatement& stmt) {
  if (auto done = stmt.run(); !done) return fail(done.error());
  return connection.changes() > 0;
}

// Same order as MemoryStore: deletes, then puts, then events.
Status apply_batch(SqliteConnection& connection, const WriteBatch& batch) {
  for (const auto& [kind, id] : batch.deletes) {
    for (std::string_view sql : {kDeleteRecord, kDeleteEvents}) {
      auto stmt = connection.prepare(sql);
      if (!stmt) return fail(stmt.error());
      stmt->bind_text(1, kind);
      stmt->bind_text(2, id);
      if (auto done = stmt->run(); !done) return done;
    }
  }
  for (const WriteBatch::Put& put : batch.puts) {
    const Record& record = put.record;
    bool insert = put.expected_version == 0;
    auto stmt = connection.prepare(insert ? kInsertRecord : kUpdateRecord);
    if (!stmt) return fail(stmt.error());
    bind_record(*stmt, record);
    if (!insert) stmt->bind(10, put.expected_version);
    auto changed = changed_one(connection, *stmt);
    if (!changed) return fail(changed.error());
    if (!*changed) {
      return fail(insert ? record_exists(record.kind, record.id)
                         : version_mismatch(record.kind, record.id, put.expected_version));
    }
  }
  for (const Event& event : batch.events) {
    auto stmt = connection.prepare(kInsertEvent);
    if (!stmt) return fail(stmt.error());
    stmt->bind_text(1, event.kind);
    stmt->bind_text(2, event.entity_id);
    stmt->bind(3, event.seq);
    stmt->bind_blob(4, event.body);
    auto changed = changed_one(connection, *stmt);
    if (!changed) return fail(changed.error());
    if (!*changed) return fail(event_exists(event.kind, event.entity_id, event.seq));
  }
  return {};
}

Result<std::int64_t> apply_reserve(SqliteConnection& connection, std::string_view name,
                                   std::int64_t count) {
  std::int64_t first = 1;
  {
    auto select = connection.prepare(kSelectSequence);
    if (!select) return fail(select.error());
    select->bind_text(1, name);
    auto row = select->step();
    if (!row) return fail(row.error());
    if (*row) first = select->column_int(0);
  }
  if (auto room = check_sequence_room(name, first, count); !room) return fail(room.error());
  auto store = connection.prepare(kStoreSequence);
  if (!store) return fail(store.error());
  store->bind_text(1, name);
  store->bind(2, first + count);
  if (auto done = store->run(); !done) return fail(done.error());
  return first;
}

// No exception may leave the module; the few left (allocation) become internal errors.
template <class F>
auto guarded(const char* what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return fail(Error::internal(std::string("store ") + what + ": " + e.what()));
  } catch (...) {
    return fail(Error::internal(std::string("store ") + what + ": unknown exception"));
  }
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, Options options) {
  return guarded("open", [&]() -> Result<std::unique_ptr<SqliteStore>> {
    auto writer =
        SqliteConnection::open(path, SqliteConnection::Mode::kCreate, options.busy_timeout_ms);
    if (!writer) return fail(writer.error());
    SqliteConnection& connection = **writer;
    // WAL first: it is what lets readers run beside the writer, and it persists in the file.
    auto mode = connection.query_text("PRAGMA journal_mode = WAL");
    if (!mode) return fail(mode.error());
    if (*mode != "wal") {
      return fail(Error::internal("sqlite " + path + ": cannot use WAL mode (got " + *mode + ")"));
    }
    if (auto set = connection.exec(options.synchronous_full ? "PRAGMA synchronous = FULL"
                                                            : "PRAGMA synchronous = NORMAL");
        !set) {
      return fail(set.error());
    }
    if (auto migrated = migrate(connection, schema_migrations()); !migrated) {
      return fail(Error::internal("sqlite " + path + ": " + migrated.error().message));
    }
    auto readers = std::make_unique<ReaderPool>(path, options.busy_timeout_ms);
    // One reader up front, so a file that cannot be read fails open() rather than the first get().
    if (auto lease = readers->acquire(); !lease) return fail(lease.error());
    return std::unique_ptr<SqliteStore>(new SqliteStore(
        std::make_unique<GroupCommitter>(std::move(*writer)), std::move(readers)));
  });
}

SqliteStore::SqliteStore(std::unique_ptr<GroupCommitter> writer,
                         std::unique_ptr<ReaderPool> readers)
    : writer_(std::move(writer)), readers_(std::move(readers)) {}

Status SqliteStore::write(const WriteBatch& batch) {
  return guarded("write", [&]() -> Status {
    if (auto checked = check_batch(batch); !checked) return checked;
    if (batch.empty()) return {};
    return writer_->run(
        [&](SqliteConnection& connection) { return apply_batch(connection, batch); });
  });
}

Result<std::int64_t> SqliteStore::reserve(std::string_view name, std::int64_t count) {
  return guarded("reserve", [&]() -> Result<std::int64_t> {
    if (auto checked = check_reserve(name, count); !checked) return fail(checked.error());
    std::int64_t first = 0;
    auto done = writer_->run([&](SqliteConnection& connection) -> Status {
      auto reserved = apply_reserve(connection, name, count);
      if (!reserved) return fail(reserved.error());
      first = *reserved;
      return {};
    });
    if (!done) return fail(done.error());
    return first;
  });
}

Status SqliteStore::put_meta(std::string_view key, std::string_view value) {
  return guarded("put_meta", [&]() -> Status {
    return writer_->run([&](SqliteConnection& connection) -> Status {
      auto stmt = connection.prepare(kPutMeta);
      if (!stmt) return fail(stmt.error());
      stmt->bind_text(1, key);
      stmt->bind_blob(2, value);
      return stmt->run();
    });
  });
}

Result<std::optional<Record>> SqliteStore::get(std::string_view kind, std::string_view id) {
  return guarded("get", [&]() -> Result<std::optional<Record>> {
    auto reader = readers_->acquire();
    if (!reader) return fail(reader.error());
    auto stmt = (*reader)->prepare(kGetRecord);
    if (!stmt) return fail(stmt.error());
    stmt->bind_text(1, kind);
    stmt->bind_text(2, id);
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return std::optional<Record>();
    return std::optional<Record>(read_record(*stmt, kind));
  });
}

Result<std::vector<Record>> SqliteStore::list(const ListQuery& query) {
  return guarded("list", [&]() -> Result<std::vector<Record>> {
    if (auto checked = check_query(query); !checked) return fail(checked.error());
    auto reader = readers_->acquire();
    if (!reader) return fail(reader.error());
    auto stmt = (*reader)->prepare(list_sql(query));
    if (!stmt) return fail(stmt.error());
    stmt->bind_text(kListKind, query.kind);
    if (!query.parent.empty()) stmt->bind_text(kListParent, query.parent);
    stmt->bind(kListCreatedAfter, query.created_after_ms);
    stmt->bind(kListCreatedBefore, query.created_before_ms);
    if (query.after_seq != 0) stmt->bind(kListCursor, query.after_seq);
    stmt->bind(kListLimit, query.limit == 0 ? -1 : query.limit);
    for (std::size_t i = 0; i < query.states.size(); ++i) {
      stmt->bind_text(kListFirstState + static_cast<int>(i), query.states[i]);
    }
    std::vector<Record> records;
    while (true) {
      auto row = stmt->step();
      if (!row) return fail(row.error());
      if (!*row) break;
      records.push_back(read_record(*stmt, query.kind));
    }
    return records;
  });
}

Result<std::vector<Event>> SqliteStore::events(std::string_view kind, std::string_view entity_id,
                                               std::int64_t after_seq, std::int64_t limit,
                                               bool reverse) {
  return guarded("events", [&]() -> Result<std::vector<Event>> {
    if (auto checked = check_limit(limit); !checked) return fail(checked.error());
    auto reader = readers_->acquire();
    if (!reader) return fail(reader.error());
    auto stmt = (*reader)->prepare(kEvents[reverse ? 1 : 0][after_seq != 0 ? 1 : 0]);
    if (!stmt) return fail(stmt.error());
    stmt->bind_text(1, kind);
    stmt->bind_text(2, entity_id);
    if (after_seq != 0) stmt->bind(3, after_seq);
    stmt->bind(4, limit == 0 ? -1 : limit);
    std::vector<Event> found;
    while (true) {
      auto row = stmt->step();
      if (!row) return fail(row.error());
      if (!*row) break;
      found.push_back(Event{std::string(kind), std::string(entity_id), stmt->column_int(0),
                            stmt->column_string(1)});
    }
    return found;
  });
}

Result<std::optional<std::string>> SqliteStore::get_meta(std::string_view key) {
  return guarded("get_meta", [&]() -> Result<std::optional<std::string>> {
    auto reader = readers_->acquire();
    if (!reader) return fail(reader.error());
    auto stmt = (*reader)->prepare(kGetMeta);
    if (!stmt) return fail(stmt.error());
    stmt->bind_text(1, key);
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(stmt->column_string(0));
  });
}

}  // namespace jobflow::store
