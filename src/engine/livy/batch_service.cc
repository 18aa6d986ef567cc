#include "engine/livy/batch_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "engine/livy/livy_ids.h"
#include "engine/livy/livy_records.h"
#include "engine/livy/livy_job_env.h"
#include "engine/log_append.h"

namespace jobflow::engine::livy {

struct BatchService::Entry {
  explicit Entry(model::LivyBatch b, std::int64_t v, std::string stdout_file)
      : batch(std::move(b)), version(v), stdout_path(stdout_file), log(std::move(stdout_file)) {}

  mutable std::mutex mu;
  model::LivyBatch batch;
  std::int64_t version = 0;  // of its store record
  std::string stdout_path;   // stdout and stderr, merged as Livy shows them
  mutable LivyLog log;
  std::optional<CreationGate::Slot> slot;  // a creation slot, until the job has been started
  bool forgotten = false;    // deleted: no longer served
  TaskQueue::TimerId kill_timer = 0;
  std::vector<std::function<void(Status)>> delete_waiters;
};

namespace {

std::string log_dir_of(const LivyConfig& config, std::int64_t id) { return config.batch_dir(id); }
std::string stdout_of(const LivyConfig& config, std::int64_t id) { return config.batch_dir(id) + "/stdout"; }

model::LivyState final_state(const model::LivyBatch& b, const model::JobExit& exit) {
  if (b.kill_requested) return model::LivyState::kKilled;
  return exit.succeeded() ? model::LivyState::kSuccess : model::LivyState::kDead;
}

}  // namespace

BatchService::BatchService(store::Store& store, executor::Executor& executor, TaskQueue& tasks,
                           const Clock& clock, const LivyConfig& config, const BatchCommandBuilder& commands,
                           CreationGate& gate)
    : store_(store), executor_(executor), tasks_(tasks), clock_(clock), config_(config), commands_(commands),
      gate_(gate) {}

BatchService::~BatchService() = default;

Status BatchService::recover() {
  store::ListQuery query;
  query.kind = std::string(kBatchKind);
  query.newest_first = false;
  auto records = store_.list(query);
  if (!records) return fail(records.error());
  std::vector<std::pair<EntryPtr, bool>> open;
  for (const auto& record : *records) {
    auto batch = batch_from_record(record);
    if (!batch) return fail(batch.error());
    const std::int64_t id = batch->id;
    auto entry = std::make_shared<Entry>(std::move(*batch), record.version, stdout_of(config_, id));
    registry_.add(id, entry->batch.name(), entry);
    if (!model::is_final(entry->batch.state)) open.emplace_back(entry, entry->batch.state == model::LivyState::kStarting);
  }
  for (auto& [entry, starting] : open) {
    if (starting && entry->batch.kill_requested) {
      // Deleted before its job was started: it never runs.
      on_exit(entry, model::JobExit{model::JobExit::Kind::kSignaled, 0, SIGTERM, "deleted before it started",
                                    clock_.now_ms(), clock_.now_ms()});
      continue;
    }
    if (starting) {
      // The server stopped between recording the batch and starting its job, or while starting
      // it: start is idempotent, so ask again (a job that did start is not started twice).
      auto launch = commands_.build(entry->batch.id, entry->batch.request);
      if (!launch) {
        on_exit(entry, model::JobExit{model::JobExit::Kind::kFailedToStart, 1, 0, launch.error().message,
                                      clock_.now_ms(), clock_.now_ms()});
        continue;
      }
      model::JobSpec spec = launch->spec;
      spec.job_id = entry->batch.handle.job_id;
      spec.log_dir = entry->batch.handle.log_dir;
      spec.working_dir = config_.batch_dir(entry->batch.id) + "/work";
      spec.label = "Batch";
      spec.merge_stderr = true;
      add_job_env(config_, spec, "LIVY_BATCH_ID", entry->batch.id);
      start_job(entry, spec);
    } else {
      watch(entry);
      // A DELETE was under way when the server stopped: carry it on (a new DELETE would only wait).
      if (entry->batch.kill_requested) stop_job(entry);
    }
  }
  arm_garbage_collector();
  spdlog::info("event=livy_batches_recovered total={} reattached={}", records->size(), open.size());
  return {};
}

Result<BatchView> BatchService::create(model::BatchRequest request, std::optional<std::string> owner) {
  if (auto ok = check_livy_name(request.fields.name); !ok) return fail(ok.error());
  // Everything that can be wrong with the request is found before an id is taken or anything is
  // registered (Livy leaves a batch behind for a request without `file`).
  if (auto probe = commands_.build(0, request); !probe) return fail(probe.error());

  std::unique_lock create_lock(create_mu_);
  auto slot = gate_.try_acquire();
  if (!slot) return fail(Error::limit_exceeded("batch", "Rejected, too many sessions are being created!"));
  auto reserved = store_.reserve(kBatchKind, 1);
  if (!reserved) return fail(reserved.error());
  const std::int64_t id = *reserved - 1;
  if (request.fields.name && registry_.has_name(*request.fields.name))
    return fail(duplicate_livy_name(*request.fields.name, id));
  auto launch = commands_.build(id, request);
  if (!launch) return fail(launch.error());

  model::LivyBatch batch;
  batch.id = id;
  batch.request = std::move(request);
  batch.state = model::LivyState::kStarting;
  batch.owner = std::move(owner);
  batch.created_ms = clock_.now_ms();
  model::JobSpec spec = std::move(launch->spec);
  spec.job_id = fmt::format("livy-batch-{}-{}", id, config_.instance_tag);
  spec.log_dir = log_dir_of(config_, id);
  spec.working_dir = config_.batch_dir(id) + "/work";
  spec.label = "Batch";
  spec.merge_stderr = true;
  add_job_env(config_, spec, "LIVY_BATCH_ID", id);
  batch.handle = executor_.prepare(spec);

  if (auto ok = write_notes(spec.log_dir, launch->notes); !ok) return fail(ok.error());
  auto entry = std::make_shared<Entry>(batch, 0, stdout_of(config_, id));
  entry->slot = std::move(slot);
  {
    std::lock_guard lock(entry->mu);
    if (auto ok = commit(*entry, batch); !ok) return fail(ok.error());
  }
  registry_.add(id, entry->batch.name(), entry);
  create_lock.unlock();
  start_job(entry, spec);
  return view(*entry);
}

void BatchService::start_job(const EntryPtr& entry, const model::JobSpec& spec) {
  Status started;
  {
    std::lock_guard lock(entry->mu);
    started = executor_.start(entry->batch.handle, spec);
    entry->slot.reset();
    model::LivyBatch next = entry->batch;
    if (!started) {
      // The executor could not even try (spawner gone, argv too long): the batch is dead, and
      // its log says why.
      (void)append_log_line(entry->stdout_path, "jobflow: the batch could not be started: " + started.error().message);
      next.state = model::LivyState::kDead;
      next.ended_ms = clock_.now_ms();
    } else if (next.state == model::LivyState::kStarting) {
      next.state = model::LivyState::kRunning;
    }
    if (next.state != entry->batch.state)
      if (auto ok = commit(*entry, next); !ok)
        spdlog::error("event=livy_batch_commit_failed id={} error=\"{}\"", next.id, ok.error().message);
  }
  if (started) {
    watch(entry);
  } else {
    settle(entry);
  }
}

void BatchService::watch(const EntryPtr& entry) {
  executor_.watch(entry->batch.handle, [this, entry](const model::JobExit& exit) {
    tasks_.post([this, entry, exit] { on_exit(entry, exit); });
  });
}

void BatchService::on_exit(const EntryPtr& entry, const model::JobExit& exit) {
  {
    std::lock_guard lock(entry->mu);
    if (entry->forgotten || model::is_final(entry->batch.state)) return;
    entry->slot.reset();
    if (entry->kill_timer) tasks_.cancel(entry->kill_timer);
    entry->kill_timer = 0;
    if (exit.kind == model::JobExit::Kind::kLost || entry->batch.state == model::LivyState::kStarting)
      (void)append_log_line(entry->stdout_path, "jobflow: " + exit.message);
    model::LivyBatch next = entry->batch;
    next.state = final_state(next, exit);
    next.exit = exit;
    next.ended_ms = exit.ended_ms ? exit.ended_ms : clock_.now_ms();
    if (auto ok = commit(*entry, next); !ok) {
      spdlog::error("event=livy_batch_commit_failed id={} error=\"{}\"", next.id, ok.error().message);
      tasks_.post([waiters = std::exchange(entry->delete_waiters, {}), ok]() mutable {
        for (auto& done : waiters) done(ok);
      });
      return;
    }
  }
  settle(entry);
}

// Once a batch has ended: answers the DELETEs waiting for it, and forgets it for them.
void BatchService::settle(const EntryPtr& entry) {
  std::vector<std::function<void(Status)>> waiters;
  {
    std::lock_guard lock(entry->mu);
    if (entry->forgotten || !model::is_final(entry->batch.state)) return;
    waiters.swap(entry->delete_waiters);
  }
  if (waiters.empty()) return;
  const Status ok = forget(entry);
  for (auto& done : waiters) done(ok);
}

void BatchService::remove(std::string_view id_or_name, std::function<void(Status)> done) {
  auto found = find(id_or_name);
  if (!found) return done(fail(found.error()));
  const EntryPtr entry = *found;
  Status refused;
  {
    std::lock_guard lock(entry->mu);
    if (!entry->forgotten && !model::is_final(entry->batch.state)) {
      entry->delete_waiters.push_back(std::move(done));
      if (entry->batch.kill_requested) return;  // its stop is under way
      model::LivyBatch next = entry->batch;
      next.kill_requested = true;
      if (auto ok = commit(*entry, next); !ok) {
        tasks_.post([waiters = std::exchange(entry->delete_waiters, {}), ok]() mutable {
          for (auto& w : waiters) w(ok);
        });
        return;
      }
      stop_locked(entry);
      return;
    }
  }
  done(forget(entry));
}

void BatchService::stop_job(const EntryPtr& entry) {
  std::lock_guard lock(entry->mu);
  stop_locked(entry);
}

// SIGTERM to the job's process group now, SIGKILL to its whole tree after kill_grace_ms.
void BatchService::stop_locked(const EntryPtr& entry) {
  if (auto ok = executor_.cancel(entry->batch.handle, model::CancelMode::kInterrupt); !ok)
    spdlog::warn("event=livy_batch_cancel_failed id={} error=\"{}\"", entry->batch.id, ok.error().message);
  if (entry->kill_timer) return;
  entry->kill_timer = tasks_.post_at(clock_.now_ms() + config_.kill_grace_ms, [this, entry] {
    std::lock_guard lock(entry->mu);
    entry->kill_timer = 0;
    if (!model::is_final(entry->batch.state)) (void)executor_.cancel(entry->batch.handle, model::CancelMode::kKill);
  });
}

Status BatchService::forget(const EntryPtr& entry) {
  std::int64_t id = 0;
  {
    std::lock_guard lock(entry->mu);
    id = entry->batch.id;
    // Livy's answer to the DELETE that loses a race with another one.
    if (entry->forgotten) return fail(livy_already_stopped("batch", id));
    store::WriteBatch batch;
    batch.deletes.emplace_back(std::string(kBatchKind), std::to_string(id));
    if (auto ok = store_.write(batch); !ok) return ok;
    entry->forgotten = true;
  }
  registry_.remove(id, entry->batch.name());
  // Its files go too: the log, the work dir and the executor's run dir (the job has ended).
  std::error_code ec;
  std::filesystem::remove_all(config_.batch_dir(id), ec);
  if (!entry->batch.handle.run_dir.empty()) std::filesystem::remove_all(entry->batch.handle.run_dir, ec);
  return {};
}

Result<BatchView> BatchService::get(std::string_view id_or_name) const {
  auto entry = find(id_or_name);
  if (!entry) return fail(entry.error());
  return view(**entry);
}

Result<std::pair<std::int64_t, model::LivyState>> BatchService::state(std::string_view id_or_name) const {
  auto entry = find(id_or_name);
  if (!entry) return fail(entry.error());
  std::lock_guard lock((*entry)->mu);
  return std::pair{(*entry)->batch.id, (*entry)->batch.state};
}

Result<LivyPage<BatchView>> BatchService::list(std::int64_t from, std::int64_t size) const {
  auto [entries, total] = registry_.slice(from, size);
  LivyPage<BatchView> page;
  page.from = from;
  page.total = total;
  for (const auto& entry : entries) page.items.push_back(view(*entry));
  return page;
}

Result<LogPage> BatchService::log(std::string_view id_or_name, std::optional<std::int64_t> from,
                                  std::optional<std::int64_t> size) const {
  auto entry = find(id_or_name);
  if (!entry) return fail(entry.error());
  std::lock_guard lock((*entry)->mu);
  return (*entry)->log.page(from, size, model::is_final((*entry)->batch.state));
}

std::map<std::string, std::int64_t> BatchService::counts() const {
  std::map<std::string, std::int64_t> out;
  for (const auto& entry : registry_.all()) {
    std::lock_guard entry_lock(entry->mu);
    ++out[std::string(model::kLivyStates.name(entry->batch.state))];
  }
  return out;
}

Result<BatchService::EntryPtr> BatchService::find(std::string_view id_or_name) const {
  return registry_.find(id_or_name);
}

BatchView BatchService::view(Entry& entry) const {
  std::lock_guard lock(entry.mu);
  BatchView v;
  v.batch = entry.batch;
  auto tail = entry.log.tail(kLogTailLines, model::is_final(entry.batch.state));
  if (tail) v.log_tail = std::move(*tail);
  return v;
}

Status BatchService::commit(Entry& entry, const model::LivyBatch& next) {
  store::WriteBatch batch;
  store::Record record = to_record(next);
  record.version = entry.version + 1;
  batch.puts.push_back({std::move(record), entry.version});
  if (auto ok = store_.write(batch); !ok) return ok;
  entry.version += 1;
  entry.batch = next;
  return {};
}

Status BatchService::write_notes(const std::string& log_dir, const std::vector<std::string>& notes) const {
  std::error_code ec;
  std::filesystem::create_directories(log_dir, ec);
  if (ec) return fail(Error::internal(fmt::format("cannot create {}: {}", log_dir, ec.message())));
  for (const auto& note : notes) {
    if (auto ok = append_log_line(log_dir + "/stdout", note); !ok) return ok;
  }
  return {};
}

void BatchService::arm_garbage_collector() {
  if (config_.retain_finished_ms <= 0) return;
  const std::int64_t period = std::min<std::int64_t>(config_.retain_finished_ms, 60'000);
  tasks_.post_at(clock_.now_ms() + period, [this] {
    collect_garbage();
    arm_garbage_collector();
  });
}

void BatchService::collect_garbage() {
  const TimestampMs now = clock_.now_ms();
  std::vector<EntryPtr> expired;
  for (const auto& entry : registry_.all()) {
    std::lock_guard entry_lock(entry->mu);
    if (model::is_final(entry->batch.state) && entry->batch.ended_ms + config_.retain_finished_ms <= now)
      expired.push_back(entry);
  }
  for (const auto& entry : expired) {
    spdlog::info("event=livy_batch_expired id={}", entry->batch.id);
    (void)forget(entry);
  }
}

}  // namespace jobflow::engine::livy
