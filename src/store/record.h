#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jobflow::store {

// One durable entity, kind-agnostic: the engine decides what the body means.
// kind + id is the key. `seq` orders records of a kind by creation (from a sequence the caller
// reserved), `parent` groups children (the steps of a cluster), `state` and `open` serve listing
// and recovery, and `version` guards concurrent writers (1 on insert, +1 on every update).
struct Record {
  std::string kind;
  std::string id;
  std::string parent;
  std::int64_t seq = 0;
  std::int64_t version = 0;
  std::string state;
  std::int64_t created_ms = 0;
  bool open = true;  // not in a final state: loaded by the reconciler on start
  std::string body;  // JSON
};

// A history event appended to an entity (Step Functions history; audit trails).
struct Event {
  std::string kind;
  std::string entity_id;
  std::int64_t seq = 0;  // 1, 2, 3 ... per entity; the caller assigns it
  std::string body;      // JSON, in wire form where the protocol has one
};

// Writes that commit together or not at all.
struct WriteBatch {
  struct Put {
    Record record;                    // record.version is the version *after* this write
    std::int64_t expected_version;    // version it must have now; 0 = must not exist yet
  };
  std::vector<Put> puts;
  std::vector<Event> events;          // (kind, entity_id, seq) must be new
  std::vector<std::pair<std::string, std::string>> deletes;  // (kind, id); events of it go too

  bool empty() const { return puts.empty() && events.empty() && deletes.empty(); }
};

struct ListQuery {
  std::string kind;
  std::string parent;                 // empty: any parent
  std::vector<std::string> states;    // empty: any state
  bool open_only = false;
  std::int64_t created_after_ms = INT64_MIN;   // inclusive
  std::int64_t created_before_ms = INT64_MAX;  // inclusive
  bool newest_first = true;           // order by seq
  std::int64_t after_seq = 0;         // cursor: 0 = from the start; else strictly past this seq
  std::int64_t limit = 0;             // 0 = no limit
};

}  // namespace jobflow::store
