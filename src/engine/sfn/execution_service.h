#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "asl/compile/program.h"
#include "asl/value/scope.h"
#include "base/clock.h"
#include "base/error.h"
#include "engine/sfn/integration.h"
#include "engine/sfn/state_machine_service.h"
#include "engine/task_queue.h"
#include "model/execution.h"
#include "store/store.h"

namespace jobflow::engine::sfn {

struct StartExecutionRequest {
  std::string state_machine_arn;  // a machine, version or alias ARN
  std::optional<std::string> name;  // default: a new UUID
  std::optional<std::string> input;  // JSON text; default "{}"
  std::string trace_header;
};

struct StartExecutionResult {
  std::string execution_arn;
  TimestampMs start_ms = 0;
};

using ExecutionPage = RegistryPage<model::Execution>;  // newest first

// GetExecutionHistory: events in wire form (one JSON object text each:
// {"timestamp":…,"type":…,"id":…,"previousEventId":…,"<x>EventDetails":{…}}).
struct HistoryPage {
  std::vector<std::string> events;
  std::string next_token;
};

// Step Functions executions on the durable core. A Standard execution is an asl::Execution (the
// pure decider) plus its store record: every call that moves it on commits, in one WriteBatch,
// the new history events (seq = event id) and the record with the decider's snapshot, before it
// is acknowledged or any timer is armed. recover() rebuilds every RUNNING execution from its
// snapshot after a restart (kill -9 included) and re-arms its timers, so no transition is lost
// or repeated. Express executions run in memory and keep no history.
//
// Errors (resource → AWS type in frontend/sfn/sfn_errors.cc): "execution" ExecutionDoesNotExist /
// ExecutionAlreadyExists, "state_machine" StateMachineDoesNotExist, "arn" InvalidArn, "name"
// InvalidName, "input" InvalidExecutionInput, "type" StateMachineTypeNotSupported, "token"
// InvalidToken, "validation" ValidationException.
class ExecutionService {
 public:
  ExecutionService(store::Store& store, const Clock& clock, TaskQueue& queue, const StateMachineService& machines,
                   asl::Random& random);
  ~ExecutionService();

  // Loads every RUNNING Standard execution, restores it and re-arms its work. Call once, before
  // serving.
  Status recover();

  // StartExecution. Idempotent by name: the same name and input while the execution is open
  // return it again; otherwise ExecutionAlreadyExists.
  Result<StartExecutionResult> start(std::string_view region, std::string_view account, StartExecutionRequest request);
  // StartSyncExecution (EXPRESS machines only), without blocking: `done` is called once with the
  // outcome when the execution ends (on the task queue), at once if it ended while starting, or
  // with the error that kept it from starting. An execution still running after Express's
  // 5-minute limit is timed out (TIMED_OUT) by a queue timer.
  void start_sync_async(std::string_view region, std::string_view account, StartExecutionRequest request,
                        std::function<void(Result<model::Execution>)> done);
  // The same, blocking the caller until the end (tests and tools; never on an io thread, and
  // only with a task queue that runs on its own thread unless the execution ends while starting).
  Result<model::Execution> start_sync(std::string_view region, std::string_view account,
                                      StartExecutionRequest request);

  Result<model::Execution> describe(std::string_view execution_arn) const;
  // The machine (or version) the execution runs: its definition as it was at the start.
  Result<StateMachineDescription> describe_state_machine_for(std::string_view execution_arn) const;
  // StopExecution: ABORTED; returns the stop date. A finished execution is left as it is.
  Result<TimestampMs> stop(std::string_view execution_arn, std::optional<std::string> error,
                           std::optional<std::string> cause);
  // RedriveExecution: a FAILED, ABORTED or TIMED_OUT Standard execution (ended within 14 days)
  // runs again from where it stopped; returns the redrive date. Otherwise ExecutionNotRedrivable
  // (resource "redrive").
  Result<TimestampMs> redrive(std::string_view execution_arn);
  Result<ExecutionPage> list(std::string_view state_machine_arn, std::optional<model::ExecutionStatus> status,
                             std::int64_t max_results, std::string_view next_token) const;
  Result<HistoryPage> history(std::string_view execution_arn, std::int64_t max_results, bool reverse,
                              bool include_execution_data, std::string_view next_token) const;

  std::size_t running() const;

  // For /metrics: executions started and ended (by status) since the server started, and the
  // state transitions they made.
  struct Counts {
    std::uint64_t started = 0;
    std::uint64_t transitions = 0;
    std::map<std::string, std::uint64_t> ended;  // by status
  };
  Counts counts() const;

  // Task states run through integrations, asked in the order added; a resource none handles
  // fails its task with States.Runtime naming it. Add them before recover().
  void add_integration(Integration& integration);
  // Runs one task outside any execution (TestState): through its integration, answering through
  // `callbacks` (any thread); a resource no integration handles fails with States.Runtime.
  void run_task(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks);
  // Told, on the task queue, about every Standard or Express execution that ended (nested
  // states:startExecution.sync tasks wait this way). Add before recover().
  void add_listener(std::function<void(const model::Execution&)> listener);

 private:
  struct Entry;
  class Sink;
  struct Launched {
    std::shared_ptr<Entry> entry;  // null when an open execution of that name was found
    StartExecutionResult result;
  };

  Result<std::shared_ptr<Entry>> reload(const store::Record& record);
  Result<store::Record> load_record(std::string_view execution_arn) const;
  Result<Launched> launch(std::string_view region, std::string_view account, StartExecutionRequest request);
  Status commit(Entry& entry);
  void arm(Entry& entry);
  void on_timer(const std::string& arn, std::int64_t timer_id);
  void on_timeout(const std::string& arn);
  void dispatch(Entry& entry, std::vector<asl::TaskRequest> tasks);
  // The compiled program of a machine revision, compiled on first use and shared.
  Result<std::shared_ptr<const asl::Program>> compiled(const std::string& revision, const std::string& definition);
  void cancel_tasks(Entry& entry, const std::vector<std::int64_t>& ids);
  // Runs `change` on the execution under its lock, then commits and arms (for callbacks).
  void advance(const std::string& arn, const std::function<void(asl::Execution&, TimestampMs now)>& change);
  std::shared_ptr<Entry> find(std::string_view arn) const;

  store::Store& store_;
  const Clock& clock_;
  TaskQueue& queue_;
  const StateMachineService& machines_;
  asl::Random& random_;
  mutable std::mutex mutex_;  // guards entries_ (the map, not the entries)
  std::unordered_map<std::string, std::shared_ptr<Entry>> entries_;  // RUNNING Standard executions
  std::vector<Integration*> integrations_;
  std::mutex programs_mutex_;
  std::unordered_map<std::string, std::shared_ptr<const asl::Program>> programs_;  // by revision
  mutable std::mutex counts_mutex_;
  Counts counts_;
  std::vector<std::function<void(const model::Execution&)>> listeners_;
};

}  // namespace jobflow::engine::sfn
