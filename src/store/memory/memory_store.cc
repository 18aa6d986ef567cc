#include "store/memory/memory_store.h"

#include <algorithm>
#include <limits>
#include <mutex>

#include "store/store_checks.h"

namespace jobflow::store {

namespace {

bool matches(const Record& record, const ListQuery& query) {
  if (!query.parent.empty() && record.parent != query.parent) return false;
  if (query.open_only && !record.open) return false;
  if (record.created_ms < query.created_after_ms || record.created_ms > query.created_before_ms) {
    return false;
  }
  if (query.after_seq != 0 &&
      (query.newest_first ? record.seq >= query.after_seq : record.seq <= query.after_seq)) {
    return false;
  }
  if (!query.states.empty() &&
      std::find(query.states.begin(), query.states.end(), record.state) == query.states.end()) {
    return false;
  }
  return true;
}

}  // namespace

Status MemoryStore::write(const WriteBatch& batch) {
  if (auto checked = check_batch(batch); !checked) return checked;
  std::lock_guard lock(mu_);
  Undo undo;
  Status applied = apply(batch, undo);
  if (!applied) roll_back(undo);
  return applied;
}

// Order inside a batch: deletes, then puts, then events — so one batch can replace an entity.
Status MemoryStore::apply(const WriteBatch& batch, Undo& undo) {
  for (const auto& [kind, id] : batch.deletes) {
    RecordKey key(kind, id);
    if (auto it = records_.find(key); it != records_.end()) {
      undo.records.emplace_back(key, std::move(it->second));
      records_.erase(it);
    }
    auto first = events_.lower_bound(EventKey(kind, id, std::numeric_limits<std::int64_t>::min()));
    auto last = events_.upper_bound(EventKey(kind, id, std::numeric_limits<std::int64_t>::max()));
    for (auto it = first; it != last; ++it) undo.removed_events.emplace_back(it->first, it->second);
    events_.erase(first, last);
  }
  for (const WriteBatch::Put& put : batch.puts) {
    RecordKey key(put.record.kind, put.record.id);
    auto it = records_.find(key);
    if (put.expected_version == 0) {
      if (it != records_.end()) return fail(record_exists(put.record.kind, put.record.id));
      undo.records.emplace_back(key, std::nullopt);
      records_.emplace(std::move(key), put.record);
    } else {
      if (it == records_.end() || it->second.version != put.expected_version) {
        return fail(version_mismatch(put.record.kind, put.record.id, put.expected_version));
      }
      undo.records.emplace_back(key, it->second);
      it->second = put.record;
    }
  }
  for (const Event& event : batch.events) {
    EventKey key(event.kind, event.entity_id, event.seq);
    if (!events_.emplace(key, event.body).second) {
      return fail(event_exists(event.kind, event.entity_id, event.seq));
    }
    undo.added_events.push_back(std::move(key));
  }
  return {};
}

void MemoryStore::roll_back(Undo& undo) {
  for (const EventKey& key : undo.added_events) events_.erase(key);
  for (auto& [key, body] : undo.removed_events) events_.emplace(key, std::move(body));
  // Newest first: the oldest saved value of a key is the one from before the batch.
  for (auto it = undo.records.rbegin(); it != undo.records.rend(); ++it) {
    if (it->second) {
      records_.insert_or_assign(it->first, std::move(*it->second));
    } else {
      records_.erase(it->first);
    }
  }
}

Result<std::optional<Record>> MemoryStore::get(std::string_view kind, std::string_view id) {
  std::lock_guard lock(mu_);
  auto it = records_.find(RecordKey(kind, id));
  if (it == records_.end()) return std::optional<Record>();
  return std::optional<Record>(it->second);
}

Result<std::vector<Record>> MemoryStore::list(const ListQuery& query) {
  if (auto checked = check_query(query); !checked) return fail(checked.error());
  std::vector<const Record*> found;
  std::lock_guard lock(mu_);
  for (auto it = records_.lower_bound(RecordKey(query.kind, ""));
       it != records_.end() && it->first.first == query.kind; ++it) {
    if (matches(it->second, query)) found.push_back(&it->second);
  }
  auto before = [](const Record* a, const Record* b) {
    return std::tie(a->seq, a->id) < std::tie(b->seq, b->id);
  };
  if (query.newest_first) {
    std::sort(found.begin(), found.end(), [&](auto* a, auto* b) { return before(b, a); });
  } else {
    std::sort(found.begin(), found.end(), before);
  }
  if (query.limit > 0 && found.size() > static_cast<std::size_t>(query.limit)) {
    found.resize(static_cast<std::size_t>(query.limit));
  }
  std::vector<Record> records;
  records.reserve(found.size());
  for (const Record* record : found) records.push_back(*record);
  return records;
}

Result<std::vector<Event>> MemoryStore::events(std::string_view kind, std::string_view entity_id,
                                               std::int64_t after_seq, std::int64_t limit,
                                               bool reverse) {
  if (auto checked = check_limit(limit); !checked) return fail(checked.error());
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  std::string kind_key(kind);
  std::string entity_key(entity_id);
  std::vector<Event> found;
  auto add = [&](const auto& entry) {
    found.push_back(Event{kind_key, entity_key, std::get<2>(entry.first), entry.second});
    return limit == 0 || found.size() < static_cast<std::size_t>(limit);
  };
  std::lock_guard lock(mu_);
  auto first = events_.lower_bound(EventKey(kind_key, entity_key, kMin));
  auto last = events_.upper_bound(EventKey(kind_key, entity_key, kMax));
  if (!reverse) {
    auto it = after_seq == 0 ? first : events_.upper_bound(EventKey(kind_key, entity_key, after_seq));
    for (; it != last; ++it) {
      if (!add(*it)) break;
    }
  } else {
    auto end = after_seq == 0 ? last : events_.lower_bound(EventKey(kind_key, entity_key, after_seq));
    for (auto it = std::make_reverse_iterator(end); it != std::make_reverse_iterator(first); ++it) {
      if (!add(*it)) break;
    }
  }
  return found;
}

Result<std::int64_t> MemoryStore::reserve(std::string_view name, std::int64_t count) {
  if (auto checked = check_reserve(name, count); !checked) return fail(checked.error());
  std::lock_guard lock(mu_);
  auto it = sequences_.find(name);
  if (it == sequences_.end()) it = sequences_.emplace(std::string(name), 1).first;
  if (auto room = check_sequence_room(name, it->second, count); !room) return fail(room.error());
  std::int64_t first = it->second;
  it->second += count;
  return first;
}

Result<std::optional<std::string>> MemoryStore::get_meta(std::string_view key) {
  std::lock_guard lock(mu_);
  auto it = meta_.find(key);
  if (it == meta_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Status MemoryStore::put_meta(std::string_view key, std::string_view value) {
  std::lock_guard lock(mu_);
  meta_.insert_or_assign(std::string(key), std::string(value));
  return {};
}

}  // namespace jobflow::store
