#pragma once

// The store contract: every Store backend must pass this suite unchanged. A backend test file
// defines a factory type with `std::unique_ptr<Store> make()` and instantiates the suite:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Types<SqliteFactory>);

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "store/store.h"

namespace jobflow::store::contract {

inline Record make_record(std::string kind, std::string id, std::int64_t seq = 1,
                          std::string parent = "", std::string state = "RUNNING",
                          std::int64_t created_ms = 1000, bool open = true,
                          std::string body = "{}") {
  Record record;
  record.kind = std::move(kind);
  record.id = std::move(id);
  record.parent = std::move(parent);
  record.seq = seq;
  record.version = 1;
  record.state = std::move(state);
  record.created_ms = created_ms;
  record.open = open;
  record.body = std::move(body);
  return record;
}

inline Event make_event(std::string kind, std::string entity_id, std::int64_t seq,
                        std::string body = "") {
  if (body.empty()) body = "{\"seq\":" + std::to_string(seq) + "}";
  return Event{std::move(kind), std::move(entity_id), seq, std::move(body)};
}

inline WriteBatch insert(const Record& record) {
  WriteBatch batch;
  batch.puts.push_back({record, 0});
  return batch;
}

// `record` as the next version after `expected_version`.
inline WriteBatch update(Record record, std::int64_t expected_version) {
  record.version = expected_version + 1;
  WriteBatch batch;
  batch.puts.push_back({std::move(record), expected_version});
  return batch;
}

inline auto fields(const Record& r) {
  return std::make_tuple(r.kind, r.id, r.parent, r.seq, r.version, r.state, r.created_ms, r.open,
                         r.body);
}

inline auto fields(const Event& e) { return std::make_tuple(e.kind, e.entity_id, e.seq, e.body); }

inline std::vector<std::string> ids(const std::vector<Record>& records) {
  std::vector<std::string> out;
  for (const Record& record : records) out.push_back(record.id);
  return out;
}

inline std::vector<std::int64_t> seqs(const std::vector<Event>& events) {
  std::vector<std::int64_t> out;
  for (const Event& event : events) out.push_back(event.seq);
  return out;
}

// "j01" .. "j10": ids that sort like their seq.
inline std::string job_id(int seq) { return (seq < 10 ? "j0" : "j") + std::to_string(seq); }

inline std::vector<std::string> job_ids(std::initializer_list<int> seqs) {
  std::vector<std::string> out;
  for (int seq : seqs) out.push_back(job_id(seq));
  return out;
}

template <class Factory>
class StoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = factory_.make();
    ASSERT_NE(store_, nullptr);
  }

  Store& store() { return *store_; }

  void must_write(const WriteBatch& batch) {
    auto written = store_->write(batch);
    ASSERT_TRUE(written) << written.error().message;
  }

  std::optional<Record> must_get(std::string_view kind, std::string_view id) {
    auto got = store_->get(kind, id);
    EXPECT_TRUE(got) << got.error().message;
    return got ? *got : std::nullopt;
  }

  // The record, which must exist; a default Record (version 0) after reporting the failure.
  Record must_have(std::string_view kind, std::string_view id) {
    auto got = must_get(kind, id);
    if (!got) {
      ADD_FAILURE() << kind << " " << id << " is missing";
      return Record{};
    }
    return *got;
  }

  std::vector<Record> must_list(const ListQuery& query) {
    auto listed = store_->list(query);
    EXPECT_TRUE(listed) << listed.error().message;
    return listed ? *listed : std::vector<Record>{};
  }

  std::vector<Event> must_events(std::string_view kind, std::string_view id,
                                 std::int64_t after_seq = 0, std::int64_t limit = 0,
                                 bool reverse = false) {
    auto found = store_->events(kind, id, after_seq, limit, reverse);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::vector<Event>{};
  }

  // Ten "job" records j01..j10 with seq 1..10: parent c1 for odd seq and c2 for even, state
  // cycling PENDING, RUNNING, DONE (DONE is closed), created_ms = 1000 * seq; plus "step"
  // records that a "job" listing must never show.
  void seed_jobs() {
    const char* states[] = {"PENDING", "RUNNING", "DONE"};
    for (int seq = 1; seq <= 10; ++seq) {
      std::string state = states[seq % 3];
      must_write(insert(make_record("job", job_id(seq), seq, seq % 2 == 1 ? "c1" : "c2", state,
                                    1000 * seq, state != "DONE")));
      must_write(insert(make_record("step", "s" + std::to_string(seq), seq, "c1")));
    }
  }

  Factory factory_;
  std::unique_ptr<Store> store_;
};

TYPED_TEST_SUITE_P(StoreContract);

// ---- records ---------------------------------------------------------------------------------

TYPED_TEST_P(StoreContract, GetOfMissingRecordIsEmpty) {
  EXPECT_EQ(this->must_get("job", "nope"), std::nullopt);
}

TYPED_TEST_P(StoreContract, InsertThenGetReturnsEveryField) {
  std::string body("{\"a\":1}\0\xff\x01 tail", 14);
  Record record = make_record("job", "j-1", 42, "cluster-7", "RUNNING", -5, false, body);
  this->must_write(insert(record));
  EXPECT_EQ(fields(this->must_have("job", "j-1")), fields(record));

  Record blank = make_record("job", "j-2", 0, "", "", 0, true, "");
  this->must_write(insert(blank));
  EXPECT_EQ(fields(this->must_have("job", "j-2")), fields(blank));
}

TYPED_TEST_P(StoreContract, InsertOfExistingRecordIsConflictAndKeepsIt) {
  Record first = make_record("job", "j-1", 1, "", "PENDING");
  this->must_write(insert(first));
  auto again = this->store().write(insert(make_record("job", "j-1", 2, "", "RUNNING")));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().resource, "job");
  EXPECT_THAT(again.error().message, ::testing::HasSubstr("j-1"));
  EXPECT_EQ(fields(this->must_have("job", "j-1")), fields(first));
}

TYPED_TEST_P(StoreContract, UpdateWithExpectedVersionReplacesEveryField) {
  this->must_write(insert(make_record("job", "j-1", 1, "c1", "PENDING", 10, true, "{\"v\":1}")));
  Record second = make_record("job", "j-1", 7, "c2", "RUNNING", 20, true, "{\"v\":2}");
  this->must_write(update(second, 1));
  Record third = make_record("job", "j-1", 8, "c3", "DONE", 30, false, "{\"v\":3}");
  this->must_write(update(third, 2));
  third.version = 3;
  EXPECT_EQ(fields(this->must_have("job", "j-1")), fields(third));
}

TYPED_TEST_P(StoreContract, UpdateWithStaleVersionIsConflict) {
  this->must_write(insert(make_record("job", "j-1")));
  this->must_write(update(make_record("job", "j-1", 1, "", "RUNNING"), 1));
  auto stale = this->store().write(update(make_record("job", "j-1", 1, "", "LOST"), 1));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto ahead = this->store().write(update(make_record("job", "j-1", 1, "", "LOST"), 5));
  ASSERT_FALSE(ahead);
  EXPECT_EQ(ahead.error().code, ErrorCode::kConflict);
  Record got = this->must_have("job", "j-1");
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.state, "RUNNING");
}

TYPED_TEST_P(StoreContract, UpdateOfMissingRecordIsConflict) {
  auto written = this->store().write(update(make_record("job", "ghost"), 1));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->must_get("job", "ghost"), std::nullopt);
}

TYPED_TEST_P(StoreContract, VersionMustBeExpectedPlusOne) {
  WriteBatch skips;
  Record record = make_record("job", "j-1");
  record.version = 2;
  skips.puts.push_back({record, 0});
  auto written = this->store().write(skips);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kInvalidInput);

  WriteBatch negative;
  record.version = 0;
  negative.puts.push_back({record, -1});
  written = this->store().write(negative);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(this->must_get("job", "j-1"), std::nullopt);
}

TYPED_TEST_P(StoreContract, KindsAreSeparateKeySpaces) {
  this->must_write(insert(make_record("job", "x", 1, "", "A")));
  this->must_write(insert(make_record("step", "x", 1, "", "B")));
  EXPECT_EQ(this->must_have("job", "x").state, "A");
  EXPECT_EQ(this->must_have("step", "x").state, "B");
}

TYPED_TEST_P(StoreContract, EmptyBatchSucceeds) { this->must_write(WriteBatch{}); }

TYPED_TEST_P(StoreContract, TwoPutsOfOneRecordInOneBatchChain) {
  WriteBatch batch = insert(make_record("job", "j-1", 1, "", "PENDING"));
  batch.puts.push_back(update(make_record("job", "j-1", 1, "", "RUNNING"), 1).puts[0]);
  this->must_write(batch);
  Record got = this->must_have("job", "j-1");
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.state, "RUNNING");
}

// ---- atomicity -------------------------------------------------------------------------------

TYPED_TEST_P(StoreContract, FailingBatchWritesNothing) {
  WriteBatch before = insert(make_record("job", "a", 1, "", "PENDING"));
  before.events = {make_event("job", "a", 1), make_event("job", "a", 2)};
  before.puts.push_back(insert(make_record("job", "b", 2)).puts[0]);
  before.events.push_back(make_event("job", "b", 1));
  this->must_write(before);

  WriteBatch batch = insert(make_record("job", "c", 3));            // fine alone
  batch.puts.push_back(update(make_record("job", "a", 1, "", "RUNNING"), 1).puts[0]);  // fine
  batch.events = {make_event("job", "a", 3), make_event("job", "c", 1)};               // fine
  batch.deletes = {{"job", "b"}};                                                      // fine
  batch.puts.push_back(update(make_record("job", "d"), 5).puts[0]);  // conflict: d is missing
  auto written = this->store().write(batch);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kConflict);

  EXPECT_EQ(this->must_get("job", "c"), std::nullopt);
  Record a = this->must_have("job", "a");
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.state, "PENDING");
  EXPECT_EQ(seqs(this->must_events("job", "a")), (std::vector<std::int64_t>{1, 2}));
  EXPECT_TRUE(this->must_events("job", "c").empty());
  EXPECT_TRUE(this->must_get("job", "b"));
  EXPECT_EQ(seqs(this->must_events("job", "b")), (std::vector<std::int64_t>{1}));
}

TYPED_TEST_P(StoreContract, ExistingEventFailsTheBatch) {
  WriteBatch first = insert(make_record("job", "a"));
  first.events = {make_event("job", "a", 1, "{\"first\":true}")};
  this->must_write(first);

  WriteBatch batch = update(make_record("job", "a", 1, "", "RUNNING"), 1);
  batch.puts.push_back(insert(make_record("job", "e")).puts[0]);
  batch.events = {make_event("job", "a", 2), make_event("job", "a", 1, "{\"again\":true}")};
  auto written = this->store().write(batch);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kConflict);
  EXPECT_EQ(written.error().resource, "job");

  EXPECT_EQ(this->must_have("job", "a").version, 1);
  EXPECT_EQ(this->must_get("job", "e"), std::nullopt);
  auto events = this->must_events("job", "a");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].body, "{\"first\":true}");
}

TYPED_TEST_P(StoreContract, DuplicateEventInsideOneBatchIsConflict) {
  WriteBatch batch = insert(make_record("job", "a"));
  batch.events = {make_event("job", "a", 1), make_event("job", "a", 1)};
  auto written = this->store().write(batch);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kConflict);
  EXPECT_EQ(this->must_get("job", "a"), std::nullopt);
  EXPECT_TRUE(this->must_events("job", "a").empty());
}

// ---- deletes ---------------------------------------------------------------------------------

TYPED_TEST_P(StoreContract, DeleteRemovesTheRecordAndOnlyItsEvents) {
  WriteBatch seed = insert(make_record("job", "a"));
  seed.puts.push_back(insert(make_record("job", "b")).puts[0]);
  seed.puts.push_back(insert(make_record("step", "a")).puts[0]);
  seed.events = {make_event("job", "a", 1), make_event("job", "a", 2), make_event("job", "b", 1),
                 make_event("step", "a", 1)};
  this->must_write(seed);

  WriteBatch remove;
  remove.deletes = {{"job", "a"}};
  this->must_write(remove);

  EXPECT_EQ(this->must_get("job", "a"), std::nullopt);
  EXPECT_TRUE(this->must_events("job", "a").empty());
  EXPECT_TRUE(this->must_get("job", "b"));
  EXPECT_EQ(seqs(this->must_events("job", "b")), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(this->must_get("step", "a"));
  EXPECT_EQ(seqs(this->must_events("step", "a")), (std::vector<std::int64_t>{1}));
}

TYPED_TEST_P(StoreContract, DeleteOfMissingRecordSucceeds) {
  WriteBatch remove;
  remove.deletes = {{"job", "never"}};
  this->must_write(remove);
}

// Deletes apply before puts and events, so one batch can replace an entity with a fresh one.
TYPED_TEST_P(StoreContract, DeleteThenPutInOneBatchStartsTheEntityAfresh) {
  WriteBatch seed = insert(make_record("job", "a", 1, "", "OLD"));
  seed.events = {make_event("job", "a", 1), make_event("job", "a", 2)};
  this->must_write(seed);
  this->must_write(update(make_record("job", "a", 1, "", "OLDER"), 1));

  WriteBatch replace = insert(make_record("job", "a", 9, "", "NEW"));
  replace.deletes = {{"job", "a"}};
  replace.events = {make_event("job", "a", 1, "{\"fresh\":true}")};
  this->must_write(replace);

  Record got = this->must_have("job", "a");
  EXPECT_EQ(got.version, 1);
  EXPECT_EQ(got.state, "NEW");
  auto events = this->must_events("job", "a");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].body, "{\"fresh\":true}");
}

// ---- list ------------------------------------------------------------------------------------

TYPED_TEST_P(StoreContract, ListIsNewestFirstByDefaultAndKeepsToItsKind) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "job";
  auto records = this->must_list(query);
  EXPECT_EQ(ids(records), job_ids({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(fields(records.back()), fields(this->must_have("job", job_id(1))));
  EXPECT_EQ(records.back().kind, "job");
}

TYPED_TEST_P(StoreContract, ListOldestFirst) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "job";
  query.newest_first = false;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

TYPED_TEST_P(StoreContract, ListByParent) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "job";
  query.parent = "c2";
  EXPECT_EQ(ids(this->must_list(query)), job_ids({10, 8, 6, 4, 2}));
  query.newest_first = false;
  query.parent = "c1";
  EXPECT_EQ(ids(this->must_list(query)), job_ids({1, 3, 5, 7, 9}));
  query.parent = "c9";
  EXPECT_TRUE(this->must_list(query).empty());
}

TYPED_TEST_P(StoreContract, ListByStates) {
  this->seed_jobs();  // seq % 3: 0 PENDING, 1 RUNNING, 2 DONE
  ListQuery query;
  query.kind = "job";
  query.states = {"RUNNING"};
  EXPECT_EQ(ids(this->must_list(query)), job_ids({10, 7, 4, 1}));
  query.states = {"PENDING", "DONE"};
  EXPECT_EQ(ids(this->must_list(query)), job_ids({9, 8, 6, 5, 3, 2}));
  query.states = {"NO_SUCH_STATE"};
  EXPECT_TRUE(this->must_list(query).empty());
}

TYPED_TEST_P(StoreContract, ListOpenOnly) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "job";
  query.open_only = true;
  query.newest_first = false;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({1, 3, 4, 6, 7, 9, 10}));
}

TYPED_TEST_P(StoreContract, ListCreatedRangeIsInclusive) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "job";
  query.created_after_ms = 3000;
  query.created_before_ms = 6000;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({6, 5, 4, 3}));
  query.created_after_ms = 10000;
  query.created_before_ms = INT64_MAX;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({10}));
  query.created_after_ms = INT64_MIN;
  query.created_before_ms = 999;
  EXPECT_TRUE(this->must_list(query).empty());
}

TYPED_TEST_P(StoreContract, ListPagesNewestFirstWithCursorAndLimit) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "job";
  query.limit = 3;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({10, 9, 8}));
  query.after_seq = 8;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({7, 6, 5}));
  query.after_seq = 2;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({1}));
  query.after_seq = 1;
  EXPECT_TRUE(this->must_list(query).empty());

  std::vector<std::string> all;
  query.after_seq = 0;
  query.limit = 4;
  // Bounded, so a cursor that does not move fails the test instead of hanging it.
  for (int pages = 0; pages < 10; ++pages) {
    auto page = this->must_list(query);
    if (page.empty()) break;
    for (const Record& record : page) all.push_back(record.id);
    query.after_seq = page.back().seq;
  }
  EXPECT_EQ(all, job_ids({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
}

TYPED_TEST_P(StoreContract, ListPagesOldestFirstWithCursorAndLimit) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "job";
  query.newest_first = false;
  query.limit = 3;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({1, 2, 3}));
  query.after_seq = 3;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({4, 5, 6}));
  query.after_seq = 9;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({10}));
  query.after_seq = 10;
  EXPECT_TRUE(this->must_list(query).empty());
  query.after_seq = 5;
  query.limit = 0;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({6, 7, 8, 9, 10}));
}

TYPED_TEST_P(StoreContract, ListCombinesEveryFilter) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "job";
  query.parent = "c1";                   // 1 3 5 7 9
  query.open_only = true;                // drops 5 (DONE)
  query.states = {"RUNNING", "PENDING"};  // 1 3 7 9
  query.created_after_ms = 2000;         // 3 7 9
  query.created_before_ms = 9000;
  query.after_seq = 9;                   // 7 3
  query.limit = 1;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({7}));
  query.after_seq = 7;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({3}));
  query.newest_first = false;
  query.after_seq = 3;
  query.limit = 5;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({7, 9}));
}

TYPED_TEST_P(StoreContract, ListOrdersEqualSeqById) {
  for (const char* id : {"b", "c", "a"}) this->must_write(insert(make_record("job", id, 5)));
  ListQuery query;
  query.kind = "job";
  EXPECT_EQ(ids(this->must_list(query)), (std::vector<std::string>{"c", "b", "a"}));
  query.newest_first = false;
  EXPECT_EQ(ids(this->must_list(query)), (std::vector<std::string>{"a", "b", "c"}));
}

TYPED_TEST_P(StoreContract, ListOfUnknownKindIsEmptyAndNegativeLimitIsInvalid) {
  this->seed_jobs();
  ListQuery query;
  query.kind = "nothing";
  EXPECT_TRUE(this->must_list(query).empty());
  query.kind = "job";
  query.limit = -1;
  auto listed = this->store().list(query);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, ErrorCode::kInvalidInput);
}

TYPED_TEST_P(StoreContract, ListSeesUpdatesAndDeletes) {
  this->seed_jobs();
  this->must_write(update(make_record("job", job_id(4), 4, "c2", "DONE", 4000, false), 1));
  WriteBatch remove;
  remove.deletes = {{"job", job_id(7)}};
  this->must_write(remove);
  ListQuery query;
  query.kind = "job";
  query.open_only = true;
  EXPECT_EQ(ids(this->must_list(query)), job_ids({10, 9, 6, 3, 1}));
}

// ---- events ----------------------------------------------------------------------------------

TYPED_TEST_P(StoreContract, EventsPageOldestFirst) {
  WriteBatch seed;
  for (int seq = 1; seq <= 10; ++seq) seed.events.push_back(make_event("exec", "e1", seq));
  seed.events.push_back(make_event("exec", "e2", 1));
  seed.events.push_back(make_event("other", "e1", 1));
  this->must_write(seed);

  auto all = this->must_events("exec", "e1");
  EXPECT_EQ(seqs(all), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(fields(all[4]), fields(make_event("exec", "e1", 5)));
  EXPECT_EQ(seqs(this->must_events("exec", "e1", 0, 3)), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(seqs(this->must_events("exec", "e1", 3, 3)), (std::vector<std::int64_t>{4, 5, 6}));
  EXPECT_EQ(seqs(this->must_events("exec", "e1", 8, 0)), (std::vector<std::int64_t>{9, 10}));
  EXPECT_TRUE(this->must_events("exec", "e1", 10, 3).empty());
  EXPECT_EQ(seqs(this->must_events("exec", "e2")), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(this->must_events("exec", "nobody").empty());
}

TYPED_TEST_P(StoreContract, EventsPageNewestFirst) {
  WriteBatch seed;
  for (int seq = 1; seq <= 10; ++seq) seed.events.push_back(make_event("exec", "e1", seq));
  seed.events.push_back(make_event("exec", "e0", 99));
  seed.events.push_back(make_event("exec", "e2", 99));
  this->must_write(seed);

  EXPECT_EQ(seqs(this->must_events("exec", "e1", 0, 0, true)),
            (std::vector<std::int64_t>{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}));
  EXPECT_EQ(seqs(this->must_events("exec", "e1", 0, 3, true)),
            (std::vector<std::int64_t>{10, 9, 8}));
  EXPECT_EQ(seqs(this->must_events("exec", "e1", 8, 3, true)),
            (std::vector<std::int64_t>{7, 6, 5}));
  EXPECT_EQ(seqs(this->must_events("exec", "e1", 3, 5, true)), (std::vector<std::int64_t>{2, 1}));
  EXPECT_TRUE(this->must_events("exec", "e1", 1, 5, true).empty());
  auto last = this->must_events("exec", "e1", 0, 1, true);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(fields(last[0]), fields(make_event("exec", "e1", 10)));
}

TYPED_TEST_P(StoreContract, EventsRejectNegativeLimit) {
  auto found = this->store().events("exec", "e1", 0, -1, false);
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::kInvalidInput);
}

// ---- sequences -------------------------------------------------------------------------------

TYPED_TEST_P(StoreContract, ReserveStartsAtOneAndNeverRepeats) {
  Store& store = this->store();
  EXPECT_EQ(store.reserve("job", 1), 1);
  EXPECT_EQ(store.reserve("job", 5), 2);
  EXPECT_EQ(store.reserve("job", 1), 7);
  EXPECT_EQ(store.reserve("step", 1), 1);
  EXPECT_EQ(store.reserve("job", 100), 8);
  EXPECT_EQ(store.reserve("job", 1), 108);
}

TYPED_TEST_P(StoreContract, ReserveRejectsNonPositiveCount) {
  Store& store = this->store();
  for (std::int64_t count : {0, -3}) {
    auto reserved = store.reserve("job", count);
    ASSERT_FALSE(reserved);
    EXPECT_EQ(reserved.error().code, ErrorCode::kInvalidInput);
  }
  EXPECT_EQ(store.reserve("job", 1), 1);
}

TYPED_TEST_P(StoreContract, ReserveFromManyThreadsHandsOutEveryNumberOnce) {
  constexpr int kThreads = 8;
  constexpr int kCalls = 60;
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> ranges(kThreads);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        std::int64_t count = 1 + (t + i) % 3;
        auto first = this->store().reserve("shared", count);
        if (!first) {
          ++failures;
          continue;
        }
        ranges[t].emplace_back(*first, count);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  std::vector<std::int64_t> numbers;
  for (const auto& mine : ranges) {
    for (auto [first, count] : mine) {
      for (std::int64_t n = first; n < first + count; ++n) numbers.push_back(n);
    }
  }
  std::sort(numbers.begin(), numbers.end());
  ASSERT_FALSE(numbers.empty());
  // Sorted and gap-free from 1: every number handed out exactly once.
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    ASSERT_EQ(numbers[i], static_cast<std::int64_t>(i) + 1);
  }
  EXPECT_EQ(this->store().reserve("shared", 1), static_cast<std::int64_t>(numbers.size()) + 1);
}

// ---- meta ------------------------------------------------------------------------------------

TYPED_TEST_P(StoreContract, MetaRoundTripsAndOverwrites) {
  Store& store = this->store();
  auto missing = store.get_meta("id_salt");
  ASSERT_TRUE(missing);
  EXPECT_EQ(*missing, std::nullopt);

  ASSERT_TRUE(store.put_meta("id_salt", "abc"));
  EXPECT_EQ(store.get_meta("id_salt").value(), std::optional<std::string>("abc"));
  std::string binary("\0\xfe\x01", 3);
  ASSERT_TRUE(store.put_meta("id_salt", binary));
  EXPECT_EQ(store.get_meta("id_salt").value(), std::optional<std::string>(binary));
  ASSERT_TRUE(store.put_meta("empty", ""));
  EXPECT_EQ(store.get_meta("empty").value(), std::optional<std::string>(""));
  EXPECT_EQ(store.get_meta("id_salt").value(), std::optional<std::string>(binary));
}

// ---- concurrency -----------------------------------------------------------------------------

TYPED_TEST_P(StoreContract, ConcurrentWritersAllLand) {
  constexpr int kThreads = 8;
  constexpr int kWrites = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        WriteBatch batch = insert(make_record("job", id, t * kWrites + i + 1));
        batch.events = {make_event("job", id, 1), make_event("job", id, 2)};
        if (!this->store().write(batch)) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  ListQuery query;
  query.kind = "job";
  query.newest_first = false;
  auto records = this->must_list(query);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kThreads * kWrites));
  for (std::size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].seq, static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ(this->must_events("job", records[i].id).size(), 2u);
  }
}

// Every thread updates its own record with the right version (must never fail), now and then
// sends a stale update of it (must fail, and only that call), and also bumps a shared counter
// with compare-and-swap retries (no increment may be lost).
TYPED_TEST_P(StoreContract, ConflictsReachOnlyTheirCaller) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 30;
  constexpr int kStaleEvery = 3;
  this->must_write(insert(make_record("counter", "shared", 1, "", "RUNNING", 0, true, "0")));
  for (int t = 0; t < kThreads; ++t) {
    this->must_write(insert(make_record("job", "own-" + std::to_string(t))));
  }

  std::atomic<int> wrong{0};
  std::vector<int> stale_conflicts(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& store = this->store();
      std::string id = "own-" + std::to_string(t);
      for (int round = 1; round <= kRounds; ++round) {
        WriteBatch own = update(make_record("job", id, 1, "", "R" + std::to_string(round)), round);
        own.events = {make_event("job", id, round)};
        if (!store.write(own)) ++wrong;

        if (round % kStaleEvery == 0) {
          WriteBatch stale = update(make_record("job", id, 1, "", "STALE"), round - 1);
          stale.events = {make_event("job", id, 1000 + round)};
          auto written = store.write(stale);
          if (!written && written.error().code == ErrorCode::kConflict) {
            ++stale_conflicts[t];
          } else {
            ++wrong;
          }
        }

        // Bounded: a store that reports conflicts that are not there fails instead of hanging.
        for (int attempt = 0;; ++attempt) {
          if (attempt == 10000) {
            ++wrong;
            break;
          }
          auto counter = store.get("counter", "shared");
          if (!counter || !*counter) {
            ++wrong;
            break;
          }
          Record next = **counter;
          next.body = std::to_string(std::stoll(next.body) + 1);
          auto written = store.write(update(next, next.version));
          if (written) break;
          if (written.error().code != ErrorCode::kConflict) {
            ++wrong;
            break;
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(wrong, 0);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(stale_conflicts[t], kRounds / kStaleEvery);
    std::string id = "own-" + std::to_string(t);
    Record own = this->must_have("job", id);
    EXPECT_EQ(own.version, kRounds + 1);
    EXPECT_EQ(own.state, "R" + std::to_string(kRounds));
    EXPECT_EQ(this->must_events("job", id).size(), static_cast<std::size_t>(kRounds));
  }
  Record counter = this->must_have("counter", "shared");
  EXPECT_EQ(counter.body, std::to_string(kThreads * kRounds));
  EXPECT_EQ(counter.version, kThreads * kRounds + 1);
}

// A reader never sees half a batch: once it sees version v of the record, the event written in
// the same batch is there too, and versions it sees never go back.
TYPED_TEST_P(StoreContract, ReadersSeeWholeBatchesWhileWritersRun) {
  constexpr int kVersions = 150;
  constexpr int kReaders = 3;
  WriteBatch first = insert(make_record("job", "r", 1, "", "RUNNING", 0, true, "1"));
  first.events = {make_event("job", "r", 1)};
  this->must_write(first);

  std::atomic<bool> writing{true};
  std::atomic<int> wrong{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&] {
      std::int64_t last_seen = 0;
      // At least a few reads even if the writer finishes first.
      for (int i = 0; writing || i < 5; ++i) {
        auto got = this->store().get("job", "r");
        if (!got || !*got) {
          ++wrong;
          break;
        }
        const Record& record = **got;
        auto events = this->store().events("job", "r", 0, 0, true);
        ListQuery query;
        query.kind = "job";
        auto listed = this->store().list(query);
        if (record.version < last_seen || record.body != std::to_string(record.version) ||
            !events || events->empty() || events->front().seq < record.version || !listed ||
            listed->size() != 1) {
          ++wrong;
        }
        last_seen = record.version;
        ++reads;
      }
    });
  }
  for (int version = 2; version <= kVersions; ++version) {
    WriteBatch batch = update(
        make_record("job", "r", 1, "", "RUNNING", 0, true, std::to_string(version)), version - 1);
    batch.events = {make_event("job", "r", version)};
    auto written = this->store().write(batch);
    if (!written) {
      ADD_FAILURE() << written.error().message;
      break;  // still stop the readers below
    }
  }
  writing = false;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_GE(reads, kReaders * 5);
  EXPECT_EQ(this->must_have("job", "r").version, kVersions);
}

REGISTER_TYPED_TEST_SUITE_P(StoreContract,
                            GetOfMissingRecordIsEmpty,
                            InsertThenGetReturnsEveryField,
                            InsertOfExistingRecordIsConflictAndKeepsIt,
                            UpdateWithExpectedVersionReplacesEveryField,
                            UpdateWithStaleVersionIsConflict,
                            UpdateOfMissingRecordIsConflict,
                            VersionMustBeExpectedPlusOne,
                            KindsAreSeparateKeySpaces,
                            EmptyBatchSucceeds,
                            TwoPutsOfOneRecordInOneBatchChain,
                            FailingBatchWritesNothing,
                            ExistingEventFailsTheBatch,
                            DuplicateEventInsideOneBatchIsConflict,
                            DeleteRemovesTheRecordAndOnlyItsEvents,
                            DeleteOfMissingRecordSucceeds,
                            DeleteThenPutInOneBatchStartsTheEntityAfresh,
                            ListIsNewestFirstByDefaultAndKeepsToItsKind,
                            ListOldestFirst,
                            ListByParent,
                            ListByStates,
                            ListOpenOnly,
                            ListCreatedRangeIsInclusive,
                            ListPagesNewestFirstWithCursorAndLimit,
                            ListPagesOldestFirstWithCursorAndLimit,
                            ListCombinesEveryFilter,
                            ListOrdersEqualSeqById,
                            ListOfUnknownKindIsEmptyAndNegativeLimitIsInvalid,
                            ListSeesUpdatesAndDeletes,
                            EventsPageOldestFirst,
                            EventsPageNewestFirst,
                            EventsRejectNegativeLimit,
                            ReserveStartsAtOneAndNeverRepeats,
                            ReserveRejectsNonPositiveCount,
                            ReserveFromManyThreadsHandsOutEveryNumberOnce,
                            MetaRoundTripsAndOverwrites,
                            ConcurrentWritersAllLand,
                            ConflictsReachOnlyTheirCaller,
                            ReadersSeeWholeBatchesWhileWritersRun);

}  // namespace jobflow::store::contract
