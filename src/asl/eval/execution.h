#pragma once

#include <cstdint>
#include <deque>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/compile/program.h"
#include "asl/eval/history_event.h"
#include "asl/value/failure.h"
#include "asl/value/scope.h"

namespace jobflow::asl {

// Who runs the execution, for the context object and the history.
struct ExecutionInfo {
  std::string execution_arn;
  std::string name;
  std::string role_arn;
  std::string state_machine_arn;
  std::string state_machine_name;
  std::string region = "us-east-1";
  std::int64_t start_ms = 0;
  std::int64_t redrive_count = 0;
  bool express = false;
  // The history limit (Standard: 25,000; 0 = none). The event with this id is the execution's
  // ExecutionFailed: States.Runtime "The execution reached the maximum number of history events
  // (25000)." Only counted while a sink records events.
  std::int64_t max_history_events = 0;
};

// Work the interpreter asks the engine to do; the engine reports back through Execution's
// task_*/timer_fired calls with the same id.
struct TaskRequest {
  std::int64_t id = 0;
  std::string state_name;
  std::string resource;
  JsonPtr parameters;
  std::optional<std::int64_t> timeout_seconds;
  std::optional<std::int64_t> heartbeat_seconds;
  // What the integration answered when it submitted the work (.sync, .waitForTaskToken): set
  // once TaskSubmitted was recorded, so that after a restart the task is re-attached, not re-run.
  JsonPtr submitted;
  // Activities and .waitForTaskToken tasks: the token SendTaskSuccess / SendTaskFailure /
  // SendTaskHeartbeat name ($$.Task.Token); empty for other tasks.
  std::string token;
  // TaskStarted / ActivityStarted was recorded: a re-dispatched task (after a restart) does not
  // record it twice.
  bool started = false;
};

struct TimerRequest {
  std::int64_t id = 0;
  std::int64_t due_ms = 0;
};

struct Commands {
  std::vector<TaskRequest> start_tasks;
  std::vector<TimerRequest> start_timers;
  std::vector<std::int64_t> cancel_tasks;
  std::vector<std::int64_t> cancel_timers;
  bool empty() const {
    return start_tasks.empty() && start_timers.empty() && cancel_tasks.empty() && cancel_timers.empty();
  }
};

enum class ExecutionStatus { kRunning, kSucceeded, kFailed, kTimedOut, kAborted };

// The data at each step of the first state's input/output processing (TestState's
// inspectionData); unset where the state has no such step.
struct Inspection {
  JsonPtr after_input_path;
  JsonPtr after_parameters;
  JsonPtr after_arguments;  // JSONata: Arguments (Task, Parallel)
  JsonPtr result;
  JsonPtr after_result_selector;
  JsonPtr after_result_path;
};

// One execution of a Program: a pure decider. It never does I/O, reads no clock and starts no
// thread: every call takes "now", appends history events to the sink (if any) and leaves the
// work it needs done in commands(). Passing states (Pass, Choice, Succeed, Fail, and Wait,
// Parallel, Map without pending work) run straight through within one call.
class Execution {
 public:
  Execution(std::shared_ptr<const Program> program, ExecutionInfo info, HistorySink* sink,
            Random* random);
  ~Execution();
  Execution(const Execution&) = delete;
  Execution& operator=(const Execution&) = delete;

  void start(JsonPtr input, std::int64_t now_ms);
  // `worker_name`: an activity worker's name (ActivityStarted), if any.
  void task_started(std::int64_t task_id, std::int64_t now_ms, std::string_view worker_name = {});
  // The integration submitted the work and now waits for it (TaskSubmitted).
  void task_submitted(std::int64_t task_id, JsonPtr output, std::int64_t now_ms);
  void task_succeeded(std::int64_t task_id, JsonPtr output, std::int64_t now_ms);
  void task_failed(std::int64_t task_id, Failure failure, std::int64_t now_ms);
  void timer_fired(std::int64_t timer_id, std::int64_t now_ms);
  // StopExecution: ABORTED, open tasks and timers cancelled.
  void abort(std::optional<std::string> error, std::optional<std::string> cause, std::int64_t now_ms);
  // The machine's TimeoutSeconds elapsed (the engine keeps that timer).
  void time_out(std::int64_t now_ms);
  // RedriveExecution: a FAILED, ABORTED or TIMED_OUT execution runs again from the state where it
  // stopped, after an ExecutionRedriven event: a Parallel or Map state keeps the branches and
  // iterations that succeeded and runs the others again (nested ones likewise); the context's
  // RedriveCount goes up. False (and nothing changes) for any other status.
  bool redrive(std::int64_t now_ms);

  ExecutionStatus status() const { return status_; }
  const JsonPtr& output() const { return output_; }
  const std::optional<Failure>& failure() const { return failure_; }
  std::int64_t transitions() const { return transitions_; }
  std::int64_t last_event_id() const { return next_event_id_ - 1; }

  // The work asked for since the last call; the caller owns it now.
  Commands take_commands();
  bool has_commands() const { return !commands_.empty(); }
  // True while the execution still waits for this task or timer.
  bool waiting_on(std::int64_t work_id) const { return waiting_.contains(work_id); }

  // Records the first state's data flow into `inspection` (TestState). Call before start().
  void inspect(Inspection* inspection) { inspection_ = inspection; }
  // Variables visible at the top level before the first state (TestState's `variables`).
  void preset_variable(std::string name, JsonPtr value);

  // Everything between two calls, as JSON: stored with the history, it lets an execution resume
  // exactly where it was after a restart (Wait timers, tasks, Map and Parallel in flight).
  boost::json::value snapshot() const;
  static std::expected<std::unique_ptr<Execution>, std::string> restore(
      std::shared_ptr<const Program> program, ExecutionInfo info, HistorySink* sink, Random* random,
      const boost::json::value& snapshot);
  // The work still open (after restore(): what the engine must re-arm or re-attach).
  std::vector<TaskRequest> pending_tasks() const;
  std::vector<TimerRequest> pending_timers() const;

 private:
  struct Run;
  struct Fanout;

  boost::json::value save_run(const Run& run) const;
  std::expected<void, std::string> load_run(Run& run, const StateGraph& graph, const boost::json::value& saved);
  void pump(std::int64_t now_ms);
  void step(Run& run, std::int64_t now_ms);
  void enter(Run& run, std::int64_t now_ms);
  void execute(Run& run, std::int64_t now_ms);
  void finish_state(Run& run, const JsonPtr& effective_or_result, bool is_result, std::int64_t now_ms);
  void transition(Run& run, JsonPtr output, int next, std::int64_t now_ms);
  void run_succeeded(Run& run, JsonPtr output, std::int64_t now_ms);
  void state_failed(Run& run, Failure failure, std::int64_t now_ms);
  void run_failed(Run& run, Failure failure, std::int64_t now_ms);
  void child_done(Run& child, std::int64_t now_ms);
  void start_map_iterations(Run& parent, std::int64_t now_ms);
  void complete_fanout(Run& run, std::int64_t now_ms);
  void cancel_run(Run& run);
  void schedule_retry(Run& run, std::size_t retrier, std::int64_t now_ms);

  // The steps each state type takes whatever its query language, once its fields are evaluated.
  // A Wait's due time from its literal Seconds or Timestamp; nullopt when it has neither.
  static Outcome<std::optional<std::int64_t>> literal_wait_due(const State& st, std::int64_t now_ms);
  void start_wait(Run& run, std::int64_t due_ms, std::int64_t now_ms);
  void issue_task_token(Run& run);
  // The task of the run's Task state with its literal timeouts (the caller resolves the others).
  TaskRequest new_task(Run& run, JsonPtr parameters);
  void schedule_task(Run& run, TaskRequest task, std::int64_t now_ms);
  void start_parallel(Run& run, const JsonPtr& input, std::int64_t now_ms);
  // MapStateStarted and the fanout, not yet the run's: launch_map() installs it and starts the
  // iterations, so a failure between the two (a tolerated-failure field) leaves no fanout behind.
  std::unique_ptr<Fanout> open_map(Run& run, JsonPtr items, JsonPtr selector_input, std::int64_t max_concurrency,
                                   std::int64_t now_ms);
  void launch_map(Run& run, std::unique_ptr<Fanout> fanout, std::int64_t now_ms);
  // A run's fanout is done with: kept alive until pump() returns, since the child that finished it
  // may still be on the stack.
  void retire_fanout(Run& run);
  void park(Run& run);

  // JSONata mode (execution_jsonata.cc): the same steps, fields evaluated as JSONata.
  void execute_jsonata(Run& run, std::int64_t now_ms);
  void execute_jsonata_map(Run& run, std::int64_t now_ms);
  void choose_jsonata(Run& run, std::int64_t now_ms);
  void finish_jsonata_state(Run& run, const JsonPtr& value, bool is_result, std::int64_t now_ms);
  JsonataBindings jsonata_bindings(Run& run, JsonPtr input);
  Outcome<JsonPtr> jsonata_item_input(Run& parent, std::size_t index, const JsonPtr& item);
  // A catcher's Assign and Output (default: the error output), or the failure evaluating them.
  Outcome<std::pair<JsonPtr, JsonPtr>> jsonata_catcher(Run& run, const Catcher& catcher, const JsonPtr& error_output);
  // A failure from evaluating a field: EvaluationFailed (for States.QueryEvaluationError), then
  // the state fails with it, or (`final`) the run does, past Retry and Catch.
  void evaluation_failed(Run& run, Failure failure, std::int64_t now_ms, bool final = false);

  Outcome<JsonPtr> apply_input_path(Run& run, const JsonPtr& raw);
  Outcome<JsonPtr> apply_output_path(Run& run, const JsonPtr& value);
  Outcome<JsonPtr> apply_result_path(Run& run, const ResultPathSpec& spec, const JsonPtr& raw, const JsonPtr& result);
  Scope scope(Run& run, JsonPtr input);
  Outcome<JsonPtr> evaluate_assign(Run& run, const std::optional<PayloadTemplate>& assign, const JsonPtr& dollar);
  void commit_assign(Run& run, const JsonPtr& values, boost::json::object* details);
  // An ItemSelector failed for one item: the Map fails, its started iterations are cancelled.
  void selector_failed(Run& parent, Failure failure, std::int64_t now_ms);
  // …StateExited with the assignments (committed now) and the output.
  void state_exited(Run& run, const JsonPtr& assigned, const JsonPtr& output, std::int64_t now_ms);
  // States.DataLimitExceeded when the state's result is new data over 256 KiB.
  static std::optional<Failure> payload_too_large(const Run& run, const JsonPtr& result);
  void emit_fanout_failed(Run& run, std::int64_t now_ms);
  JsonPtr context_for(Run& run);
  Failure in_state(const Run& run, Failure failure) const;

  bool recording() const { return sink_ != nullptr; }
  // Whether the run is at the state whose data flow inspect() records (the top level's first).
  bool inspected(const Run& run) const;
  std::int64_t emit(Run* run, std::string type, boost::json::object details, std::int64_t now_ms);
  void finish_execution(ExecutionStatus status, std::int64_t now_ms);
  void history_full(std::int64_t now_ms);
  bool rearm(Run& run, std::int64_t now_ms);
  std::string new_task_token();
  void rebuild_execution_context();

  std::shared_ptr<const Program> program_;
  ExecutionInfo info_;
  HistorySink* sink_;
  Random* random_;
  JsonPtr input_;
  JsonPtr execution_context_;  // the "Execution" member of `$$`, built once
  std::unique_ptr<Run> root_;
  std::deque<Run*> ready_;
  std::unordered_map<std::int64_t, Run*> waiting_;  // task or timer id -> run
  Commands commands_;
  ExecutionStatus status_ = ExecutionStatus::kRunning;
  JsonPtr output_;
  std::optional<Failure> failure_;
  std::int64_t next_event_id_ = 1;
  std::int64_t next_work_id_ = 1;
  std::int64_t transitions_ = 0;
  bool pumping_ = false;
  Inspection* inspection_ = nullptr;
  std::vector<std::unique_ptr<Fanout>> retired_fanouts_;
  std::vector<std::pair<std::string, JsonPtr>> preset_variables_;
};

}  // namespace jobflow::asl
