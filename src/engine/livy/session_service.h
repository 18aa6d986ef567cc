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
#include "engine/livy/batch_service.h"
#include "engine/livy/creation_gate.h"
#include "engine/livy/livy_config.h"
#include "engine/livy/livy_log.h"
#include "engine/livy/livy_registry.h"
#include "engine/livy/repl_link.h"
#include "engine/livy/session_launch_builder.h"
#include "engine/task_queue.h"
#include "executor/executor.h"
#include "model/livy_session.h"
#include "store/store.h"

namespace jobflow::engine::livy {

// A session as the API shows it: `state` is the wire state (idle or busy while the interpreter
// runs, from its statements), log_tail the last lines of its log.
struct SessionView {
  model::LivySession session;
  model::LivyState state = model::LivyState::kStarting;
  std::vector<std::string> log_tail;
};

struct StatementPage {
  std::int64_t total = 0;
  std::vector<model::LivyStatement> items;
};

using CompletionCallback = std::function<void(Result<std::vector<std::string>>)>;

// Livy's interactive sessions. Each session is one interpreter process (repl/jobflow_repl.py) run
// as a job on the Executor, so it outlives the server; the server talks to it over a ReplLink.
// Sessions and statements are kept in the Store: ids never restart, statements are recorded
// before they are sent, and after a restart every session whose interpreter still runs is
// reconnected (the interpreter's hello carries what happened meanwhile); the others end `dead`
// with the reason in their log.
class SessionService {
 public:
  static constexpr std::size_t kLogTailLines = 10;

  SessionService(store::Store& store, executor::Executor& executor, TaskQueue& tasks, const Clock& clock,
                 const LivyConfig& config, const SessionLaunchBuilder& launches, ReplConnector& connector,
                 CreationGate& gate, std::string repl_script);
  ~SessionService();

  // Loads sessions and statements, re-attaches interpreters, starts the expiry checks.
  Status recover();

  Result<SessionView> create(model::SessionRequest request, std::optional<std::string> owner);
  // Reads refresh the session's heartbeat (heartbeatTimeoutInSecond), as any /sessions/{id} call does.
  Result<SessionView> get(std::string_view id_or_name);
  // The id and wire state alone, without reading the log (also a heartbeat).
  Result<std::pair<std::int64_t, model::LivyState>> state(std::string_view id_or_name);
  Result<LivyPage<SessionView>> list(std::int64_t from, std::int64_t size) const;
  Result<LogPage> log(std::string_view id_or_name, std::optional<std::int64_t> from, std::optional<std::int64_t> size);
  // DELETE: asks the interpreter to stop (SIGTERM, then SIGKILL after kill_grace_ms), waits until it
  // has ended, then forgets the session and its statements.
  void remove(std::string_view id_or_name, std::function<void(Status)> done);

  Result<model::LivyStatement> submit(std::string_view id_or_name, model::StatementRequest request);
  Result<StatementPage> statements(std::string_view id_or_name, std::optional<std::int64_t> from,
                                   std::optional<std::int64_t> size, bool newest_first);
  Result<model::LivyStatement> statement(std::string_view id_or_name, std::int64_t statement_id);
  Status cancel(std::string_view id_or_name, std::int64_t statement_id);
  void complete(std::string_view id_or_name, model::CompletionRequest request, CompletionCallback done);

  std::map<std::string, std::int64_t> counts() const;

 private:
  struct Entry;
  using EntryPtr = std::shared_ptr<Entry>;

  Result<EntryPtr> find(std::string_view id_or_name) const;
  SessionView view(Entry& entry) const;
  static model::LivyState wire_state(const Entry& entry);
  Status commit(Entry& entry, const model::LivySession& next, const std::vector<model::LivyStatement>& statements = {});
  Status commit_statements(Entry& entry, const std::vector<model::LivyStatement>& statements);
  Status write(Entry& entry, const model::LivySession* next, const std::vector<model::LivyStatement>& statements);
  void start_job(const EntryPtr& entry, const model::JobSpec& spec);
  void watch(const EntryPtr& entry);
  void connect(const EntryPtr& entry);
  void schedule_connect(const EntryPtr& entry, std::int64_t delay_ms);
  void on_event(const EntryPtr& entry, std::uint64_t generation, ReplEvent event);
  void on_hello(Entry& entry, const ReplHello& hello);
  std::optional<model::LivyStatement> updated(const Entry& entry, const ReplStatement& update) const;
  void apply(Entry& entry, const ReplStatement& update);
  void give_up_connecting(Entry& entry);
  Result<SessionLaunch> launch_of(const model::LivySession& session) const;
  void on_link_closed(const EntryPtr& entry, std::uint64_t generation, const std::string& reason);
  void on_exit(const EntryPtr& entry, const model::JobExit& exit);
  void end(Entry& entry, model::LivyState state, const std::string& reason);
  void begin_delete(const EntryPtr& entry, const std::string& why);
  void settle(const EntryPtr& entry);
  Status forget(const EntryPtr& entry);
  void check_expiry();
  void arm_expiry_check();

  store::Store& store_;
  executor::Executor& executor_;
  TaskQueue& tasks_;
  const Clock& clock_;
  const LivyConfig& config_;
  const SessionLaunchBuilder& launches_;
  ReplConnector& connector_;
  CreationGate& gate_;
  std::string repl_script_;
  TimestampMs started_ms_ = 0;  // of this server: exits before it happened while it was down

  LivyRegistry<Entry> registry_{"session"};
  std::mutex create_mu_;
};

}  // namespace jobflow::engine::livy
