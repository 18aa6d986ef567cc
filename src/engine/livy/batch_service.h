#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "engine/livy/batch_command_builder.h"
#include "engine/livy/creation_gate.h"
#include "engine/livy/livy_config.h"
#include "engine/livy/livy_log.h"
#include "engine/livy/livy_registry.h"
#include "engine/task_queue.h"
#include "executor/executor.h"
#include "model/livy_batch.h"
#include "store/store.h"

namespace jobflow::engine::livy {

// A batch with the last lines of its log (Livy's `log` field).
struct BatchView {
  model::LivyBatch batch;
  std::vector<std::string> log_tail;
};

template <class T>
struct LivyPage {
  std::int64_t from = 0;
  std::int64_t total = 0;  // all of them, not just this page
  std::vector<T> items;
};

// Livy's batches, run for real on an Executor and kept in a Store. Ids come from a durable
// sequence (never reused, also after kill -9); every state change is committed before it is
// answered, and the job's handle is committed before the job starts, so recover() finds every
// job again: one still running is watched, one that ended while no server ran reports how.
class BatchService {
 public:
  static constexpr std::size_t kLogTailLines = 10;

  BatchService(store::Store& store, executor::Executor& executor, TaskQueue& tasks, const Clock& clock,
               const LivyConfig& config, const BatchCommandBuilder& commands, CreationGate& gate);
  ~BatchService();

  // Loads every batch and re-attaches to the jobs of those still open. Call once, before serving.
  Status recover();

  Result<BatchView> create(model::BatchRequest request, std::optional<std::string> owner);
  Result<BatchView> get(std::string_view id_or_name) const;
  // The id and state alone, without reading the log (what pollers ask for).
  Result<std::pair<std::int64_t, model::LivyState>> state(std::string_view id_or_name) const;
  Result<LivyPage<BatchView>> list(std::int64_t from, std::int64_t size) const;
  Result<LogPage> log(std::string_view id_or_name, std::optional<std::int64_t> from,
                      std::optional<std::int64_t> size) const;
  // DELETE: stops the job (SIGTERM to its process group, SIGKILL to the whole tree after
  // kill_grace_ms), waits until it has ended, then forgets the batch; `done` is called then (or at
  // once with an error). Livy answers DELETE only when the application has stopped.
  void remove(std::string_view id_or_name, std::function<void(Status)> done);

  // Batches per state (for /metrics).
  std::map<std::string, std::int64_t> counts() const;

 private:
  struct Entry;
  using EntryPtr = std::shared_ptr<Entry>;

  Result<EntryPtr> find(std::string_view id_or_name) const;
  BatchView view(Entry& entry) const;
  Status commit(Entry& entry, const model::LivyBatch& next);
  void start_job(const EntryPtr& entry, const model::JobSpec& spec);
  void watch(const EntryPtr& entry);
  void on_exit(const EntryPtr& entry, const model::JobExit& exit);
  void stop_job(const EntryPtr& entry);
  void stop_locked(const EntryPtr& entry);  // entry.mu held
  void settle(const EntryPtr& entry);
  Status forget(const EntryPtr& entry);
  void collect_garbage();
  void arm_garbage_collector();
  Status write_notes(const std::string& log_dir, const std::vector<std::string>& notes) const;

  store::Store& store_;
  executor::Executor& executor_;
  TaskQueue& tasks_;
  const Clock& clock_;
  const LivyConfig& config_;
  const BatchCommandBuilder& commands_;
  CreationGate& gate_;

  LivyRegistry<Entry> registry_{"batch"};
  std::mutex create_mu_;  // creations are serialized, as in Livy (name checks, id order)
};

}  // namespace jobflow::engine::livy
