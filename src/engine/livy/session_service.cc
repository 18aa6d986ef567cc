#include "engine/livy/session_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "engine/livy/livy_duration.h"
#include "engine/livy/livy_ids.h"
#include "engine/livy/livy_job_env.h"
#include "engine/livy/livy_records.h"
#include "engine/log_append.h"

namespace jobflow::engine::livy {

using model::LivyState;
using model::LivyStatementState;

struct SessionService::Entry {
  Entry(model::LivySession s, std::int64_t v, std::string stdout_file)
      : session(std::move(s)), version(v), stdout_path(stdout_file), log(std::move(stdout_file)) {}

  mutable std::mutex mu;
  model::LivySession session;
  std::int64_t version = 0;
  std::map<std::int64_t, model::LivyStatement> statements;
  std::map<std::int64_t, std::int64_t> statement_versions;
  std::string stdout_path;
  mutable LivyLog log;

  std::shared_ptr<ReplLink> link;  // while connecting or connected
  std::uint64_t link_generation = 0;
  bool connected = false;           // the interpreter answered the hello on `link`
  TimestampMs connect_deadline_ms = 0;
  std::int64_t connect_delay_ms = 5;
  bool job_ended = false;
  std::optional<CreationGate::Slot> slot;  // a creation slot, until the interpreter answered
  bool forgotten = false;
  TaskQueue::TimerId kill_timer = 0;
  TimestampMs heartbeat_ms = 0;
  std::vector<std::function<void(Status)>> delete_waiters;
  std::int64_t next_completion = 1;
  std::map<std::int64_t, CompletionCallback> completions;
};

namespace {

std::string random_token() {
  std::random_device random;
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", random());
  return token;
}

bool busy(const std::map<std::int64_t, model::LivyStatement>& statements) {
  for (auto it = statements.rbegin(); it != statements.rend(); ++it)
    if (!model::is_final(it->second.state)) return true;
  return false;
}

bool active(LivyState s) { return s == LivyState::kStarting || s == LivyState::kIdle; }

// The end reason of a session stopped by DELETE: it is forgotten once its interpreter is gone.
const std::string kDeleted = "deleted";

Error not_active() { return Error::invalid_state("session", "requirement failed: Session isn't active."); }

std::string describe_exit(const model::JobExit& exit) {
  switch (exit.kind) {
    case model::JobExit::Kind::kExited: return fmt::format("exited with code {}", exit.code);
    case model::JobExit::Kind::kSignaled: return fmt::format("was killed by signal {}", exit.signal);
    case model::JobExit::Kind::kFailedToStart: return "could not be started: " + exit.message;
    case model::JobExit::Kind::kLost: return "was lost: " + exit.message;
  }
  return "ended";
}

// The output a statement gets when its interpreter is gone before it finished.
std::string died_output(std::int64_t id, const std::string& reason) {
  return boost::json::serialize(boost::json::object{{"status", "error"},
                                                     {"execution_count", id},
                                                     {"ename", "SessionDead"},
                                                     {"evalue", reason},
                                                     {"traceback", boost::json::array()}});
}

}  // namespace

SessionService::SessionService(store::Store& store, executor::Executor& executor, TaskQueue& tasks, const Clock& clock,
                               const LivyConfig& config, const SessionLaunchBuilder& launches,
                               ReplConnector& connector, CreationGate& gate, std::string repl_script)
    : store_(store), executor_(executor), tasks_(tasks), clock_(clock), config_(config), launches_(launches),
      connector_(connector), gate_(gate), repl_script_(std::move(repl_script)) {}

SessionService::~SessionService() {
  for (const auto& entry : registry_.all()) {
    std::lock_guard entry_lock(entry->mu);
    if (entry->link) entry->link->close();
  }
}

Status SessionService::recover() {
  started_ms_ = clock_.now_ms();
  store::ListQuery query;
  query.kind = std::string(kSessionKind);
  query.newest_first = false;
  auto records = store_.list(query);
  if (!records) return fail(records.error());
  std::vector<EntryPtr> open;
  for (const auto& record : *records) {
    auto session = session_from_record(record);
    if (!session) return fail(session.error());
    auto entry = std::make_shared<Entry>(std::move(*session), record.version,
                                         config_.session_dir(session->id) + "/stdout");
    entry->heartbeat_ms = started_ms_;
    entry->session.last_activity_ms = std::max(entry->session.last_activity_ms, started_ms_);
    store::ListQuery statements;
    statements.kind = std::string(kStatementKind);
    statements.parent = record.id;
    statements.newest_first = false;
    auto rows = store_.list(statements);
    if (!rows) return fail(rows.error());
    for (const auto& row : *rows) {
      auto st = statement_from_record(row);
      if (!st) return fail(st.error());
      entry->statement_versions[st->id] = row.version;
      entry->statements[st->id] = std::move(*st);
    }
    registry_.add(entry->session.id, entry->session.name(), entry);
    if (!model::is_final(entry->session.state)) {
      open.push_back(entry);
    } else {
      entry->job_ended = true;
      // `error` came with a kill; make sure of it (a no-op for a job that has ended).
      if (entry->session.state == LivyState::kError) (void)executor_.cancel(entry->session.handle, model::CancelMode::kKill);
    }
  }
  for (const auto& entry : open) {
    if (entry->session.state == LivyState::kShuttingDown) {
      // Its stop was under way: finish it (on_exit forgets a deleted session).
      watch(entry);
      (void)executor_.cancel(entry->session.handle, model::CancelMode::kKill);
      continue;
    }
    entry->connect_deadline_ms = started_ms_ + config_.repl_connect_timeout_ms;
    if (entry->session.state == LivyState::kStarting) {
      // The server may have stopped before it started the interpreter: start is idempotent.
      auto launch = launch_of(entry->session);
      if (launch) {
        start_job(entry, launch->spec);
        continue;
      }
      spdlog::error("event=livy_session_relaunch_failed id={} error=\"{}\"", entry->session.id, launch.error().message);
    }
    watch(entry);
    std::lock_guard lock(entry->mu);
    schedule_connect(entry, 0);
  }
  arm_expiry_check();
  spdlog::info("event=livy_sessions_recovered total={} reattaching={}", records->size(), open.size());
  return {};
}

Result<SessionView> SessionService::create(model::SessionRequest request, std::optional<std::string> owner) {
  if (auto ok = check_livy_name(request.fields.name); !ok) return fail(ok.error());
  if (auto ok = launches_.validate(request); !ok) return fail(ok.error());
  for (const auto* time : {&request.ttl, &request.idle_timeout})
    if (*time)
      if (auto ms = parse_livy_time_ms(**time); !ms) return fail(ms.error());

  std::unique_lock create_lock(create_mu_);
  auto slot = gate_.try_acquire();
  if (!slot) return fail(Error::limit_exceeded("session", "Rejected, too many sessions are being created!"));
  auto reserved = store_.reserve(kSessionKind, 1);
  if (!reserved) return fail(reserved.error());
  const std::int64_t id = *reserved - 1;
  if (request.fields.name && registry_.has_name(*request.fields.name))
    return fail(duplicate_livy_name(*request.fields.name, id));
  const std::string dir = config_.session_dir(id);
  model::LivySession session;
  session.id = id;
  session.request = std::move(request);
  session.state = LivyState::kStarting;
  session.owner = std::move(owner);
  session.repl_token = random_token();
  session.created_ms = clock_.now_ms();
  session.last_activity_ms = session.created_ms;
  auto launch = launch_of(session);
  if (!launch) return fail(launch.error());
  const model::JobSpec& spec = launch->spec;
  session.handle = executor_.prepare(spec);

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!ec) {
    std::ofstream conf(dir + "/spark-conf.json", std::ios::trunc);
    conf << launch->spark_conf_json;
    if (!conf) ec = std::make_error_code(std::errc::io_error);
  }
  if (ec) return fail(Error::internal(fmt::format("cannot prepare {}: {}", dir, ec.message())));
  for (const auto& note : launch->notes) (void)append_log_line(dir + "/stdout", note);

  auto entry = std::make_shared<Entry>(session, 0, dir + "/stdout");
  entry->slot = std::move(slot);
  entry->heartbeat_ms = session.created_ms;
  entry->connect_deadline_ms = session.created_ms + config_.repl_connect_timeout_ms;
  {
    std::lock_guard lock(entry->mu);
    if (auto ok = commit(*entry, session); !ok) return fail(ok.error());
  }
  registry_.add(id, entry->session.name(), entry);
  create_lock.unlock();
  start_job(entry, spec);
  return view(*entry);
}

// The interpreter's launch, with the job fields every start of this session uses.
Result<SessionLaunch> SessionService::launch_of(const model::LivySession& session) const {
  const std::string dir = config_.session_dir(session.id);
  auto launch = launches_.build(session.id, session.request, repl_script_, dir, session.repl_token);
  if (!launch) return fail(launch.error());
  model::JobSpec& spec = launch->spec;
  spec.job_id = fmt::format("livy-session-{}-{}", session.id, config_.instance_tag);
  spec.log_dir = dir;
  spec.working_dir = dir + "/work";
  spec.label = "Session";
  spec.merge_stderr = true;
  add_job_env(config_, spec, "LIVY_SESSION_ID", session.id);
  return launch;
}

void SessionService::start_job(const EntryPtr& entry, const model::JobSpec& spec) {
  {
    std::lock_guard lock(entry->mu);
    if (auto started = executor_.start(entry->session.handle, spec); !started) {
      entry->job_ended = true;  // there is no process to wait for
      end(*entry, LivyState::kDead, "the interpreter could not be started: " + started.error().message);
    } else {
      schedule_connect(entry, 0);
    }
  }
  if (entry->job_ended) return settle(entry);
  watch(entry);
}

void SessionService::watch(const EntryPtr& entry) {
  executor_.watch(entry->session.handle, [this, entry](const model::JobExit& exit) {
    tasks_.post([this, entry, exit] { on_exit(entry, exit); });
  });
}

// Called with entry.mu held.
void SessionService::schedule_connect(const EntryPtr& entry, std::int64_t delay_ms) {
  if (delay_ms <= 0) {
    tasks_.post([this, entry] { connect(entry); });
  } else {
    tasks_.post_at(clock_.now_ms() + delay_ms, [this, entry] { connect(entry); });
  }
}

// With entry.mu held: the interpreter did not answer in time; it is killed and the session ends
// in `error` (a DELETE waiting for it is answered once the process is gone).
void SessionService::give_up_connecting(Entry& entry) {
  (void)executor_.cancel(entry.session.handle, model::CancelMode::kKill);
  end(entry, LivyState::kError,
      fmt::format("the interpreter did not answer within {} s", config_.repl_connect_timeout_ms / 1000));
}

void SessionService::connect(const EntryPtr& entry) {
  std::lock_guard lock(entry->mu);
  if (entry->forgotten || entry->job_ended || entry->link || !active(entry->session.state)) return;
  if (clock_.now_ms() >= entry->connect_deadline_ms) return give_up_connecting(*entry);
  std::ifstream in(config_.session_dir(entry->session.id) + "/repl.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto endpoint = parse_repl_endpoint(text);
  if (!endpoint) {
    // Not listening yet (python is still starting), or the file is from a run that is gone.
    schedule_connect(entry, entry->connect_delay_ms);
    entry->connect_delay_ms = std::min<std::int64_t>(entry->connect_delay_ms * 2, 50);
    return;
  }
  const std::uint64_t generation = ++entry->link_generation;
  ReplHandler handler;
  // Handled on the task queue, like every other change of a session: the connector's one thread
  // serves every interpreter and must not wait for the store.
  handler.on_event = [this, entry, generation](ReplEvent event) {
    tasks_.post([this, entry, generation, event = std::move(event)]() mutable {
      on_event(entry, generation, std::move(event));
    });
  };
  handler.on_closed = [this, entry, generation](std::string reason) {
    tasks_.post([this, entry, generation, reason = std::move(reason)] { on_link_closed(entry, generation, reason); });
  };
  entry->link = connector_.connect(endpoint->port, entry->session.repl_token, std::move(handler));
  // A connection that opens but never brings a hello must not wait forever either.
  tasks_.post_at(entry->connect_deadline_ms, [this, entry, generation] {
    std::lock_guard lock(entry->mu);
    if (generation == entry->link_generation && !entry->connected && !entry->job_ended &&
        active(entry->session.state))
      give_up_connecting(*entry);
  });
}

void SessionService::on_event(const EntryPtr& entry, std::uint64_t generation, ReplEvent event) {
  CompletionCallback done;
  std::vector<std::string> candidates;
  {
    std::lock_guard lock(entry->mu);
    if (generation != entry->link_generation || entry->forgotten) return;
    if (auto* hello = std::get_if<ReplHello>(&event)) {
      on_hello(*entry, *hello);
    } else if (auto* update = std::get_if<ReplStatement>(&event)) {
      apply(*entry, *update);
    } else if (auto* completion = std::get_if<ReplCompletion>(&event)) {
      auto it = entry->completions.find(completion->request);
      if (it == entry->completions.end()) return;
      done = std::move(it->second);
      entry->completions.erase(it);
      candidates = std::move(completion->candidates);
    }
  }
  if (done) done(std::move(candidates));
}

void SessionService::on_hello(Entry& entry, const ReplHello& hello) {
  entry.connected = true;
  entry.connect_delay_ms = 5;
  entry.slot.reset();
  model::LivySession next = entry.session;
  if (next.state == LivyState::kStarting) {
    next.state = LivyState::kIdle;
    if (!hello.app_id.empty()) next.app_id = hello.app_id;
    if (!hello.spark && !hello.spark_error.empty())
      (void)append_log_line(entry.stdout_path, "jobflow: Spark is not available in this session: " + hello.spark_error);
  }
  // Catch up in one commit: what the interpreter did while no server listened, and statements
  // recorded but never received (posted while starting, or lost with a connection).
  std::map<std::int64_t, model::LivyStatement> changed;
  std::set<std::int64_t> known;
  for (const auto& update : hello.statements) {
    known.insert(update.id);
    if (auto st = updated(entry, update)) changed[st->id] = std::move(*st);
  }
  std::vector<std::string> to_send;
  for (const auto& [id, current] : entry.statements) {
    const model::LivyStatement& st = changed.contains(id) ? changed.at(id) : current;
    if (model::is_final(st.state)) continue;
    if (!known.contains(id)) {
      if (st.state == LivyStatementState::kWaiting) {
        to_send.push_back(repl_execute_op(id, st.code, st.kind));
      } else {
        model::LivyStatement never_ran = st;
        never_ran.state = LivyStatementState::kCancelled;
        never_ran.completed_ms = clock_.now_ms();
        changed[id] = std::move(never_ran);
      }
    } else if (st.state == LivyStatementState::kCancelling) {
      to_send.push_back(repl_cancel_op(id));  // asked for while no interpreter listened
    }
  }
  std::vector<model::LivyStatement> statements;
  for (auto& [id, st] : changed) statements.push_back(std::move(st));
  if (auto ok = commit(entry, next, statements); !ok)
    spdlog::error("event=livy_session_commit_failed id={} error=\"{}\"", next.id, ok.error().message);
  for (auto& line : to_send) entry.link->send(std::move(line));
}

// The statement as the interpreter now reports it, if that changes anything. A cancel the server
// recorded is not undone by a report that the statement still runs.
std::optional<model::LivyStatement> SessionService::updated(const Entry& entry, const ReplStatement& update) const {
  auto it = entry.statements.find(update.id);
  if (it == entry.statements.end()) return std::nullopt;  // not ours (a statement the server never recorded)
  const model::LivyStatement& current = it->second;
  if (model::is_final(current.state)) return std::nullopt;
  model::LivyStatement next = current;
  next.state = update.state;
  if (current.state == LivyStatementState::kCancelling && !model::is_final(update.state))
    next.state = LivyStatementState::kCancelling;
  next.output_json = update.output_json;
  next.progress = update.progress;
  next.started_ms = update.started_ms;
  next.completed_ms = update.completed_ms;
  if (next.state == current.state && next.output_json == current.output_json && next.progress == current.progress &&
      next.started_ms == current.started_ms && next.completed_ms == current.completed_ms)
    return std::nullopt;
  return next;
}

void SessionService::apply(Entry& entry, const ReplStatement& update) {
  auto next = updated(entry, update);
  if (!next) return;
  model::LivyStatement& current = entry.statements[next->id];
  if (next->state == current.state && next->output_json == current.output_json) {
    // Progress alone is not worth a write: the next hello brings it again after a restart.
    current = std::move(*next);
    return;
  }
  const bool done = model::is_final(next->state);
  if (auto ok = commit_statements(entry, {*next}); !ok)
    spdlog::error("event=livy_statement_commit_failed session={} statement={} error=\"{}\"", entry.session.id,
                  next->id, ok.error().message);
  if (done) entry.session.last_activity_ms = clock_.now_ms();
}

void SessionService::on_link_closed(const EntryPtr& entry, std::uint64_t generation, const std::string& reason) {
  std::map<std::int64_t, CompletionCallback> pending;
  {
    std::lock_guard lock(entry->mu);
    if (generation != entry->link_generation) return;
    const bool was_connected = entry->connected;
    entry->link.reset();
    entry->connected = false;
    pending.swap(entry->completions);
    if (entry->forgotten || entry->job_ended || !active(entry->session.state)) {
      // Ending anyway; the exit of the interpreter finishes the story.
    } else {
      // The interpreter may be gone (its exit will come), or the connection alone broke: try
      // again until the connect timeout runs out.
      if (was_connected) {
        spdlog::warn("event=livy_repl_disconnected session={} reason=\"{}\"", entry->session.id, reason);
        entry->connect_deadline_ms = clock_.now_ms() + config_.repl_connect_timeout_ms;
      }
      schedule_connect(entry, std::max<std::int64_t>(entry->connect_delay_ms, 50));
    }
  }
  for (auto& [id, done] : pending) done(fail(Error::invalid_state("session", "the interpreter went away: " + reason)));
}

void SessionService::on_exit(const EntryPtr& entry, const model::JobExit& exit) {
  {
    std::lock_guard lock(entry->mu);
    entry->job_ended = true;
    if (entry->kill_timer) tasks_.cancel(entry->kill_timer);
    entry->kill_timer = 0;
    if (entry->forgotten) return;
    if (entry->session.state == LivyState::kShuttingDown) {
      end(*entry, LivyState::kDead, entry->session.end_reason.empty() ? kDeleted : entry->session.end_reason);
    } else if (!model::is_final(entry->session.state)) {
      const bool while_down = exit.ended_ms && exit.ended_ms < started_ms_;
      end(*entry, LivyState::kDead,
          fmt::format("the interpreter {}{}", describe_exit(exit), while_down ? " while the server was down" : ""));
    }
  }
  settle(entry);
}

// With entry.mu held: the session is over; statements still open end with an error saying why,
// completions waiting for the interpreter are refused.
void SessionService::end(Entry& entry, LivyState state, const std::string& reason) {
  if (model::is_final(entry.session.state)) return;
  if (entry.link) entry.link->close();
  entry.link.reset();
  entry.connected = false;
  ++entry.link_generation;
  entry.slot.reset();
  if (reason != kDeleted) (void)append_log_line(entry.stdout_path, "jobflow: session ended: " + reason);
  model::LivySession next = entry.session;
  next.state = state;
  next.ended_ms = clock_.now_ms();
  next.end_reason = reason;
  std::vector<model::LivyStatement> statements;
  for (const auto& [id, st] : entry.statements) {
    if (model::is_final(st.state)) continue;
    model::LivyStatement closed = st;
    closed.state = LivyStatementState::kAvailable;
    closed.output_json = died_output(id, "the session ended: " + reason);
    closed.progress = 1.0;
    closed.completed_ms = next.ended_ms;
    statements.push_back(std::move(closed));
  }
  if (auto ok = commit(entry, next, statements); !ok)
    spdlog::error("event=livy_session_commit_failed id={} error=\"{}\"", next.id, ok.error().message);
  if (!entry.completions.empty()) {
    tasks_.post([pending = std::exchange(entry.completions, {})]() mutable {
      for (auto& [id, done] : pending) done(fail(not_active()));
    });
  }
}

// Once a session has ended and its interpreter is gone: answers the DELETEs waiting for it and
// forgets it if it was deleted (also when the DELETE came before a restart).
void SessionService::settle(const EntryPtr& entry) {
  std::vector<std::function<void(Status)>> waiters;
  {
    std::lock_guard lock(entry->mu);
    if (entry->forgotten || !model::is_final(entry->session.state) || !entry->job_ended) return;
    waiters.swap(entry->delete_waiters);
    if (waiters.empty() && entry->session.end_reason != kDeleted) return;
  }
  const Status ok = forget(entry);
  for (auto& done : waiters) done(ok);
}

void SessionService::remove(std::string_view id_or_name, std::function<void(Status)> done) {
  auto found = find(id_or_name);
  if (!found) return done(fail(found.error()));
  const EntryPtr entry = *found;
  bool now = false;
  {
    std::lock_guard lock(entry->mu);
    now = entry->forgotten || (model::is_final(entry->session.state) && entry->job_ended);
    if (!now) entry->delete_waiters.push_back(std::move(done));
  }
  if (now) return done(forget(entry));
  begin_delete(entry, kDeleted);
}

void SessionService::begin_delete(const EntryPtr& entry, const std::string& why) {
  std::lock_guard lock(entry->mu);
  if (model::is_final(entry->session.state) || entry->session.state == LivyState::kShuttingDown) return;
  if (why != kDeleted) (void)append_log_line(entry->stdout_path, "jobflow: deleting the session: " + why);
  model::LivySession next = entry->session;
  next.state = LivyState::kShuttingDown;
  next.end_reason = why;  // what the session ends with once its interpreter is gone
  if (auto ok = commit(*entry, next); !ok) {
    auto waiters = std::exchange(entry->delete_waiters, {});
    tasks_.post([waiters = std::move(waiters), ok]() mutable {
      for (auto& w : waiters) w(ok);
    });
    return;
  }
  if (entry->connected && entry->link) {
    entry->link->send(repl_shutdown_op());
  } else {
    (void)executor_.cancel(entry->session.handle, model::CancelMode::kInterrupt);
  }
  entry->kill_timer = tasks_.post_at(clock_.now_ms() + config_.kill_grace_ms, [this, entry] {
    std::lock_guard lock(entry->mu);
    entry->kill_timer = 0;
    if (!entry->job_ended) (void)executor_.cancel(entry->session.handle, model::CancelMode::kKill);
  });
}

Status SessionService::forget(const EntryPtr& entry) {
  std::int64_t id = 0;
  {
    std::lock_guard lock(entry->mu);
    id = entry->session.id;
    // Livy's answer to the DELETE that loses a race with another one.
    if (entry->forgotten) return fail(livy_already_stopped("session", id));
    store::WriteBatch batch;
    batch.deletes.emplace_back(std::string(kSessionKind), std::to_string(id));
    for (const auto& [sid, st] : entry->statements)
      batch.deletes.emplace_back(std::string(kStatementKind), statement_record_id(id, sid));
    if (auto ok = store_.write(batch); !ok) return ok;
    entry->forgotten = true;
    if (entry->link) entry->link->close();
    entry->link.reset();
  }
  registry_.remove(id, entry->session.name());
  std::error_code ec;
  std::filesystem::remove_all(config_.session_dir(id), ec);
  if (!entry->session.handle.run_dir.empty()) std::filesystem::remove_all(entry->session.handle.run_dir, ec);
  return {};
}

Result<SessionView> SessionService::get(std::string_view id_or_name) {
  auto entry = find(id_or_name);
  if (!entry) return fail(entry.error());
  {
    std::lock_guard lock((*entry)->mu);
    (*entry)->heartbeat_ms = clock_.now_ms();
  }
  return view(**entry);
}

Result<std::pair<std::int64_t, LivyState>> SessionService::state(std::string_view id_or_name) {
  auto entry = find(id_or_name);
  if (!entry) return fail(entry.error());
  std::lock_guard lock((*entry)->mu);
  (*entry)->heartbeat_ms = clock_.now_ms();
  return std::pair{(*entry)->session.id, wire_state(**entry)};
}

Result<LivyPage<SessionView>> SessionService::list(std::int64_t from, std::int64_t size) const {
  auto [entries, total] = registry_.slice(from, size);
  LivyPage<SessionView> page;
  page.from = from;
  page.total = total;
  for (const auto& entry : entries) page.items.push_back(view(*entry));
  return page;
}

Result<LogPage> SessionService::log(std::string_view id_or_name, std::optional<std::int64_t> from,
                                    std::optional<std::int64_t> size) {
  auto entry = find(id_or_name);
  if (!entry) return fail(entry.error());
  std::lock_guard lock((*entry)->mu);
  (*entry)->heartbeat_ms = clock_.now_ms();
  return (*entry)->log.page(from, size, (*entry)->job_ended);
}

Result<model::LivyStatement> SessionService::submit(std::string_view id_or_name, model::StatementRequest request) {
  auto found = find(id_or_name);
  if (!found) return fail(found.error());
  Entry& entry = **found;
  std::lock_guard lock(entry.mu);
  entry.heartbeat_ms = clock_.now_ms();
  if (!active(entry.session.state)) return fail(not_active());
  model::LivyKind kind;
  if (request.kind) {
    kind = *request.kind;
  } else if (entry.session.request.kind != model::LivyKind::kShared) {
    kind = entry.session.request.kind;
  } else {
    return fail(Error::invalid_input("statement", "Code type should be specified if session kind is shared"));
  }
  if (auto ok = launches_.check_statement_kind(kind); !ok) return fail(ok.error());
  model::LivyStatement st;
  st.id = entry.session.next_statement_id;
  st.code = std::move(request.code);
  st.kind = kind;
  st.state = LivyStatementState::kWaiting;
  model::LivySession next = entry.session;
  next.next_statement_id += 1;
  next.last_activity_ms = clock_.now_ms();
  if (auto ok = commit(entry, next, {st}); !ok) return fail(ok.error());
  if (entry.connected && entry.link) entry.link->send(repl_execute_op(st.id, st.code, st.kind));
  return st;
}

Result<StatementPage> SessionService::statements(std::string_view id_or_name, std::optional<std::int64_t> from,
                                                 std::optional<std::int64_t> size, bool newest_first) {
  auto found = find(id_or_name);
  if (!found) return fail(found.error());
  Entry& entry = **found;
  std::lock_guard lock(entry.mu);
  entry.heartbeat_ms = clock_.now_ms();
  StatementPage page;
  page.total = static_cast<std::int64_t>(entry.statements.size());
  std::vector<const model::LivyStatement*> ordered;
  for (const auto& [id, st] : entry.statements) ordered.push_back(&st);
  if (newest_first) std::reverse(ordered.begin(), ordered.end());
  const std::int64_t first = std::clamp<std::int64_t>(from.value_or(0), 0, page.total);
  const std::int64_t count = size.value_or(page.total);
  for (std::int64_t i = first; i < page.total && (count < 0 || i < first + count); ++i) page.items.push_back(*ordered[i]);
  return page;
}

Result<model::LivyStatement> SessionService::statement(std::string_view id_or_name, std::int64_t statement_id) {
  auto found = find(id_or_name);
  if (!found) return fail(found.error());
  Entry& entry = **found;
  std::lock_guard lock(entry.mu);
  entry.heartbeat_ms = clock_.now_ms();
  auto it = entry.statements.find(statement_id);
  if (it == entry.statements.end()) return fail(Error::not_found("statement", "Statement not found"));
  return it->second;
}

Status SessionService::cancel(std::string_view id_or_name, std::int64_t statement_id) {
  auto found = find(id_or_name);
  if (!found) return fail(found.error());
  Entry& entry = **found;
  std::lock_guard lock(entry.mu);
  entry.heartbeat_ms = clock_.now_ms();
  if (!active(entry.session.state)) return fail(not_active());
  entry.session.last_activity_ms = clock_.now_ms();
  auto it = entry.statements.find(statement_id);
  if (it == entry.statements.end() || model::is_final(it->second.state)) return {};  // Livy ignores these
  if (entry.connected && entry.link) {
    entry.link->send(repl_cancel_op(statement_id));
    return {};
  }
  // No interpreter listens now (starting, or reconnecting). A statement it never got never runs;
  // one it runs is cancelled once it answers again (on_hello sends the cancel).
  model::LivyStatement next = it->second;
  if (next.state == LivyStatementState::kWaiting) {
    next.state = LivyStatementState::kCancelled;
    next.completed_ms = clock_.now_ms();
  } else {
    next.state = LivyStatementState::kCancelling;
  }
  return commit_statements(entry, {next});
}

void SessionService::complete(std::string_view id_or_name, model::CompletionRequest request, CompletionCallback done) {
  auto found = find(id_or_name);
  if (!found) return done(fail(found.error()));
  Entry& entry = **found;
  Status refused;
  {
    std::lock_guard lock(entry.mu);
    entry.heartbeat_ms = clock_.now_ms();
    if (!active(entry.session.state)) {
      refused = fail(not_active());
    } else if (!entry.connected || !entry.link) {
      refused = fail(Error::invalid_state(
          "session", fmt::format("Session is in state {}", model::kLivyStates.name(entry.session.state))));
    } else {
      entry.session.last_activity_ms = clock_.now_ms();
      const std::int64_t request_id = entry.next_completion++;
      entry.completions.emplace(request_id, std::move(done));
      entry.link->send(repl_complete_op(request_id, request.code, request.cursor, request.kind));
      return;
    }
  }
  done(fail(refused.error()));
}

std::map<std::string, std::int64_t> SessionService::counts() const {
  std::map<std::string, std::int64_t> out;
  for (const auto& entry : registry_.all()) {
    std::lock_guard lock(entry->mu);
    ++out[std::string(model::kLivyStates.name(wire_state(*entry)))];
  }
  return out;
}

Result<SessionService::EntryPtr> SessionService::find(std::string_view id_or_name) const {
  return registry_.find(id_or_name);
}

// With entry.mu held: the state the API shows (a running interpreter is busy while any
// statement is open, else idle).
LivyState SessionService::wire_state(const Entry& entry) {
  if (entry.session.state == LivyState::kIdle && busy(entry.statements)) return LivyState::kBusy;
  return entry.session.state;
}

SessionView SessionService::view(Entry& entry) const {
  std::lock_guard lock(entry.mu);
  SessionView v;
  v.session = entry.session;
  v.state = wire_state(entry);
  auto tail = entry.log.tail(kLogTailLines, entry.job_ended);
  if (tail) v.log_tail = std::move(*tail);
  return v;
}

Status SessionService::commit(Entry& entry, const model::LivySession& next,
                              const std::vector<model::LivyStatement>& statements) {
  return write(entry, &next, statements);
}

Status SessionService::commit_statements(Entry& entry, const std::vector<model::LivyStatement>& statements) {
  return write(entry, nullptr, statements);
}

// One store batch: the session record (if `next`) and the statements, each guarded by its version.
Status SessionService::write(Entry& entry, const model::LivySession* next,
                             const std::vector<model::LivyStatement>& statements) {
  store::WriteBatch batch;
  if (next) {
    store::Record record = to_record(*next);
    record.version = entry.version + 1;
    batch.puts.push_back({std::move(record), entry.version});
  }
  for (const auto& st : statements) {
    auto known = entry.statement_versions.find(st.id);
    const std::int64_t current = known == entry.statement_versions.end() ? 0 : known->second;
    store::Record row = to_record(entry.session.id, st);
    row.version = current + 1;
    batch.puts.push_back({std::move(row), current});
  }
  if (batch.empty()) return {};
  if (auto ok = store_.write(batch); !ok) return ok;
  if (next) {
    entry.version += 1;
    entry.session = *next;
  }
  for (const auto& st : statements) {
    entry.statement_versions[st.id] += 1;
    entry.statements[st.id] = st;
  }
  return {};
}

void SessionService::arm_expiry_check() {
  tasks_.post_at(clock_.now_ms() + 1000, [this] {
    check_expiry();
    arm_expiry_check();
  });
}

// Livy's garbage collector and heartbeat watchdog: idle sessions (livy.server.session.timeout, or
// the session's idleTimeout), sessions past their ttl, sessions whose client stopped sending
// heartbeats, and finished sessions past the retention time.
void SessionService::check_expiry() {
  const TimestampMs now = clock_.now_ms();
  std::vector<std::pair<EntryPtr, std::string>> to_delete;
  std::vector<EntryPtr> to_forget;
  for (const auto& entry : registry_.all()) {
    {
      std::lock_guard entry_lock(entry->mu);
      const auto& s = entry->session;
      if (model::is_final(s.state)) {
        if (config_.retain_finished_ms > 0 && s.ended_ms + config_.retain_finished_ms <= now) to_forget.push_back(entry);
        continue;
      }
      if (s.state == LivyState::kShuttingDown) continue;
      std::int64_t idle_ms = config_.session_idle_timeout_ms;
      if (s.request.idle_timeout)
        if (auto ms = parse_livy_time_ms(*s.request.idle_timeout)) idle_ms = *ms;
      const bool skip = config_.idle_timeout_skips_busy && busy(entry->statements);
      if (idle_ms > 0 && !skip && now - s.last_activity_ms > idle_ms) {
        to_delete.emplace_back(entry, fmt::format("inactive for more than {} s", idle_ms / 1000));
        continue;
      }
      if (s.request.ttl)
        if (auto ms = parse_livy_time_ms(*s.request.ttl); ms && now - s.created_ms > *ms) {
          to_delete.emplace_back(entry, fmt::format("older than its ttl ({})", *s.request.ttl));
          continue;
        }
      if (s.request.heartbeat_timeout_s > 0 && now - entry->heartbeat_ms > s.request.heartbeat_timeout_s * 1000)
        to_delete.emplace_back(entry, fmt::format("no heartbeat for {} s", s.request.heartbeat_timeout_s));
    }
  }
  for (auto& [entry, why] : to_delete) {
    spdlog::info("event=livy_session_expired id={} why=\"{}\"", entry->session.id, why);
    begin_delete(entry, why);
  }
  for (const auto& entry : to_forget) (void)forget(entry);
}

}  // namespace jobflow::engine::livy
