#include "engine/sfn/execution_service.h"

#include "base/json_parse.h"

#include <future>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "asl/compile/compiler.h"
#include "asl/eval/execution.h"
#include "engine/sfn/page_token.h"
#include "engine/sfn/seq_page.h"
#include "engine/sfn/sfn_arn.h"
#include "engine/sfn/sfn_names.h"
#include "engine/sfn/sfn_records.h"

namespace jobflow::engine::sfn {
namespace {

constexpr std::string_view kExecutionKind = "sfn.execution";
constexpr std::size_t kMaxInputBytes = 262'144;
constexpr std::int64_t kMaxPage = 1000;
constexpr TimestampMs kExpressSyncLimitMs = 5 * 60 * 1000;
constexpr std::int64_t kMaxHistoryEvents = 25'000;  // Standard executions (AWS's hard limit)
constexpr std::size_t kMaxCachedPrograms = 1024;
constexpr TimestampMs kRedriveWindowMs = 14LL * 24 * 3600 * 1000;  // AWS: within 14 days of the end

using boost::json::object;

Error execution_not_found(std::string_view arn) {
  return Error::not_found("execution", fmt::format("Execution Does Not Exist: '{}'", arn));
}

model::ExecutionStatus to_model(asl::ExecutionStatus status) {
  switch (status) {
    case asl::ExecutionStatus::kRunning: return model::ExecutionStatus::kRunning;
    case asl::ExecutionStatus::kSucceeded: return model::ExecutionStatus::kSucceeded;
    case asl::ExecutionStatus::kFailed: return model::ExecutionStatus::kFailed;
    case asl::ExecutionStatus::kTimedOut: return model::ExecutionStatus::kTimedOut;
    case asl::ExecutionStatus::kAborted: return model::ExecutionStatus::kAborted;
  }
  return model::ExecutionStatus::kRunning;
}

std::string uuid(asl::Random& random) {
  std::uint64_t a = random.next();
  std::uint64_t b = random.next();
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", static_cast<std::uint32_t>(a >> 32),
                     static_cast<std::uint32_t>((a >> 16) & 0xffff), static_cast<std::uint32_t>(a & 0xfff),
                     static_cast<std::uint32_t>(0x8000 | (b & 0x3fff)), (b >> 16) & 0xffffffffffffULL);
}

// The wire form of one history event (GetExecutionHistory's element).
std::string wire_event(const asl::HistoryEvent& e) { return boost::json::serialize(asl::to_wire(e)); }

std::string without_execution_data(const std::string& event) {
  boost::system::error_code ec;
  auto value = parse_json_exact(event, ec);
  if (ec || !value.is_object()) return event;
  for (auto& member : value.as_object()) {
    if (!member.value().is_object()) continue;
    auto& details = member.value().as_object();
    for (const char* key : {"input", "output"}) {
      if (details.erase(key) > 0) {
        details[std::string(key) + "Details"] = object{{"included", false}};
      }
    }
  }
  return boost::json::serialize(value);
}

}  // namespace

// Collects the events of one decider call until they are committed.
class ExecutionService::Sink final : public asl::HistorySink {
 public:
  void record(asl::HistoryEvent event) override { pending.push_back(std::move(event)); }
  std::vector<asl::HistoryEvent> pending;
};

struct ExecutionService::Entry {
  std::mutex mutex;
  model::Execution info;
  model::StateMachine machine;  // as it was at the start (DescribeStateMachineForExecution)
  std::optional<model::StateMachineVersion> version;
  bool express = false;
  std::shared_ptr<const asl::Program> program;
  Sink sink;
  std::unique_ptr<asl::Execution> execution;
  store::Record record;
  std::unordered_map<std::int64_t, TaskQueue::TimerId> timers;
  std::optional<TaskQueue::TimerId> timeout;
  bool finished = false;
  std::int64_t counted_transitions = 0;  // already added to counts_
  // StartSyncExecution callers waiting for the end (Express), and the 5-minute limit's timer.
  std::vector<std::function<void(Result<model::Execution>)>> sync_waiters;
  std::optional<TaskQueue::TimerId> sync_limit;
};

namespace {

std::string encode_entry(const model::Execution& e, const model::StateMachine& machine,
                         const std::optional<model::StateMachineVersion>& version, const asl::Execution* execution) {
  object o;
  o["name"] = e.name;
  o["state_machine_arn"] = e.state_machine_arn;
  o["status"] = std::string(model::kExecutionStatuses.name(e.status));
  o["input"] = e.input;
  if (e.output) o["output"] = *e.output;
  if (e.error) o["error"] = *e.error;
  if (e.cause) o["cause"] = *e.cause;
  o["start_ms"] = e.start_ms;
  o["stop_ms"] = e.stop_ms;
  if (e.version_arn) o["version_arn"] = *e.version_arn;
  if (e.alias_arn) o["alias_arn"] = *e.alias_arn;
  o["trace_header"] = e.trace_header;
  if (e.redrive_count > 0) {
    o["redrive_count"] = e.redrive_count;
    o["redrive_ms"] = e.redrive_ms;
  }
  o["machine"] = boost::json::parse(encode(machine));
  if (version) o["version"] = boost::json::parse(encode(*version));
  // Kept after a failure, an abort or a timeout too: RedriveExecution resumes from it.
  if (execution != nullptr && execution->status() != asl::ExecutionStatus::kSucceeded) {
    o["snapshot"] = execution->snapshot();
  }
  return boost::json::serialize(o);
}

struct Decoded {
  model::Execution info;
  model::StateMachine machine;
  std::optional<model::StateMachineVersion> version;
  std::optional<boost::json::value> snapshot;
};

Result<Decoded> decode_entry(const store::Record& record) {
  boost::system::error_code ec;
  auto value = parse_json_exact(record.body, ec);
  if (ec || !value.is_object()) return fail(Error::internal(fmt::format("damaged execution record {}", record.id)));
  const auto& o = value.as_object();
  auto text = [&](std::string_view key) -> std::optional<std::string> {
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_string()) return std::nullopt;
    return std::string(it->value().get_string());
  };
  auto number = [&](std::string_view key) -> std::int64_t {
    auto it = o.find(key);
    return it == o.end() || !it->value().is_number() ? 0 : it->value().to_number<std::int64_t>();
  };
  Decoded d;
  d.info.arn = record.id;
  d.info.name = text("name").value_or("");
  d.info.state_machine_arn = text("state_machine_arn").value_or("");
  d.info.status = model::kExecutionStatuses.parse(text("status").value_or("RUNNING")).value_or(model::ExecutionStatus::kRunning);
  d.info.input = text("input").value_or("{}");
  d.info.output = text("output");
  d.info.error = text("error");
  d.info.cause = text("cause");
  d.info.start_ms = number("start_ms");
  d.info.stop_ms = number("stop_ms");
  d.info.version_arn = text("version_arn");
  d.info.alias_arn = text("alias_arn");
  d.info.trace_header = text("trace_header").value_or("");
  d.info.redrive_count = number("redrive_count");
  d.info.redrive_ms = number("redrive_ms");
  if (auto it = o.find("machine"); it != o.end()) {
    auto machine = decode_state_machine(boost::json::serialize(it->value()));
    if (!machine) return fail(machine.error());
    d.machine = std::move(*machine);
  }
  if (auto it = o.find("version"); it != o.end()) {
    auto version = decode_version(boost::json::serialize(it->value()));
    if (!version) return fail(version.error());
    d.version = std::move(*version);
  }
  if (auto it = o.find("snapshot"); it != o.end()) d.snapshot = it->value();
  return d;
}

}  // namespace

ExecutionService::ExecutionService(store::Store& store, const Clock& clock, TaskQueue& queue,
                                   const StateMachineService& machines, asl::Random& random)
    : store_(store), clock_(clock), queue_(queue), machines_(machines), random_(random) {}

ExecutionService::~ExecutionService() = default;

ExecutionService::Counts ExecutionService::counts() const {
  std::lock_guard lock(counts_mutex_);
  return counts_;
}

std::size_t ExecutionService::running() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::shared_ptr<ExecutionService::Entry> ExecutionService::find(std::string_view arn) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(arn));
  return it == entries_.end() ? nullptr : it->second;
}

Status ExecutionService::commit(Entry& entry) {
  const asl::Execution& execution = *entry.execution;
  {
    std::lock_guard lock(counts_mutex_);
    counts_.transitions += static_cast<std::uint64_t>(execution.transitions() - entry.counted_transitions);
    entry.counted_transitions = execution.transitions();
    if (execution.status() != asl::ExecutionStatus::kRunning && entry.info.stop_ms == 0) {
      ++counts_.ended[std::string(model::kExecutionStatuses.name(to_model(execution.status())))];
    }
  }
  entry.info.status = to_model(execution.status());
  if (execution.status() != asl::ExecutionStatus::kRunning && entry.info.stop_ms == 0) {
    entry.info.stop_ms = clock_.now_ms();
    if (execution.status() == asl::ExecutionStatus::kSucceeded && execution.output()) {
      entry.info.output = asl::to_text(*execution.output());
    }
    if (const auto& failure = execution.failure()) {
      if (!failure->error.empty()) entry.info.error = failure->error;
      if (!failure->cause.empty()) entry.info.cause = failure->cause;
    }
  }
  if (entry.express) {  // Express: in memory only, no history kept
    entry.sink.pending.clear();
    return {};
  }
  store::WriteBatch batch;
  for (const auto& e : entry.sink.pending) {
    batch.events.push_back(store::Event{std::string(kExecutionKind), entry.info.arn, e.id, wire_event(e)});
  }
  store::Record record = entry.record;
  record.state = std::string(model::kExecutionStatuses.name(entry.info.status));
  record.open = entry.info.status == model::ExecutionStatus::kRunning;
  record.body = encode_entry(entry.info, entry.machine, entry.version, entry.execution.get());
  std::int64_t expected = entry.record.version;
  record.version = expected + 1;
  batch.puts.push_back({record, expected});
  if (auto written = store_.write(batch); !written) return written;
  entry.record = std::move(record);
  entry.sink.pending.clear();
  return {};
}

// Carries out what the decider asked for, after its state was committed.
void ExecutionService::arm(Entry& entry) {
  asl::Commands commands = entry.execution->take_commands();
  const std::string arn = entry.info.arn;
  for (auto id : commands.cancel_timers) {
    if (auto it = entry.timers.find(id); it != entry.timers.end()) {
      queue_.cancel(it->second);
      entry.timers.erase(it);
    }
  }
  for (const auto& t : commands.start_timers) {
    entry.timers[t.id] = queue_.post_at(t.due_ms, [this, arn, id = t.id] { on_timer(arn, id); });
  }
  if (!commands.cancel_tasks.empty()) cancel_tasks(entry, commands.cancel_tasks);
  if (!commands.start_tasks.empty()) dispatch(entry, std::move(commands.start_tasks));
  if (entry.execution->status() != asl::ExecutionStatus::kRunning && !entry.finished) {
    entry.finished = true;
    for (auto& [id, timer] : entry.timers) queue_.cancel(timer);
    entry.timers.clear();
    if (entry.timeout) queue_.cancel(*entry.timeout);
    entry.timeout.reset();
    if (entry.sync_limit) queue_.cancel(*entry.sync_limit);
    entry.sync_limit.reset();
    {
      std::lock_guard lock(mutex_);
      entries_.erase(arn);
    }
    for (const auto& listener : listeners_) queue_.post([&listener, info = entry.info] { listener(info); });
    for (auto& waiter : entry.sync_waiters) {
      queue_.post([waiter = std::move(waiter), info = entry.info] { waiter(info); });
    }
    entry.sync_waiters.clear();
  }
}

// Tells every integration that these tasks ended without it (cancelled by the decider), so that
// tokens, queued activity tasks and .sync waiters are dropped.
void ExecutionService::cancel_tasks(Entry& entry, const std::vector<std::int64_t>& ids) {
  TaskContext context{entry.info.arn, entry.machine.region, entry.machine.account};
  for (auto id : ids) {
    for (auto* integration : integrations_) integration->cancel(context, id);
  }
}

void ExecutionService::add_integration(Integration& integration) { integrations_.push_back(&integration); }

void ExecutionService::run_task(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks) {
  for (auto* integration : integrations_) {
    if (integration->handles(task.resource)) return integration->start(context, task, std::move(callbacks));
  }
  callbacks.failed(asl::Failure{"States.Runtime", fmt::format("jobflow does not support the resource '{}' yet.", task.resource)});
}

void ExecutionService::add_listener(std::function<void(const model::Execution&)> listener) {
  listeners_.push_back(std::move(listener));
}

void ExecutionService::advance(const std::string& arn,
                               const std::function<void(asl::Execution&, TimestampMs now)>& change) {
  auto entry = find(arn);
  if (!entry) return;
  std::lock_guard lock(entry->mutex);
  const std::int64_t events_before = entry->execution->last_event_id();
  const auto status_before = entry->execution->status();
  change(*entry->execution, clock_.now_ms());
  if (entry->execution->last_event_id() == events_before && entry->execution->status() == status_before &&
      !entry->execution->has_commands() && entry->sink.pending.empty()) {
    return;  // e.g. an answer for work that is already over: nothing to record
  }
  if (auto committed = commit(*entry); !committed) {
    spdlog::error("event=sfn_commit_failed execution={} error=\"{}\"", arn, committed.error().message);
    return;
  }
  arm(*entry);
}

// Hands each task to its integration; results come back through advance() on the queue, so an
// integration that answers at once does not re-enter the execution it was called from.
void ExecutionService::dispatch(Entry& entry, std::vector<asl::TaskRequest> tasks) {
  const std::string arn = entry.info.arn;
  TaskContext context{arn, entry.machine.region, entry.machine.account};
  for (auto& task : tasks) {
    Integration* integration = nullptr;
    for (auto* candidate : integrations_) {
      if (candidate->handles(task.resource)) {
        integration = candidate;
        break;
      }
    }
    std::int64_t id = task.id;
    if (integration == nullptr) {
      queue_.post([this, arn, id, resource = task.resource] {
        advance(arn, [&](asl::Execution& execution, TimestampMs now) {
          execution.task_started(id, now);
          execution.task_failed(
              id, asl::Failure{"States.Runtime", fmt::format("jobflow does not support the resource '{}' yet.", resource)},
              now);
        });
      });
      continue;
    }
    if (!task.submitted && !integration->reports_start()) entry.execution->task_started(id, clock_.now_ms());
    if (task.timeout_seconds) {
      entry.timers[-id] = queue_.post_at(clock_.now_ms() + *task.timeout_seconds * 1000, [this, arn, id, context] {
        bool timed_out = false;
        advance(arn, [&](asl::Execution& execution, TimestampMs now) {
          if (!execution.waiting_on(id)) return;  // the task answered in time
          timed_out = true;
          execution.task_failed(id, asl::Failure{"States.Timeout", ""}, now);
        });
        // The integration's work is abandoned: its token (if any) is closed (TaskTimedOut).
        if (timed_out) {
          for (auto* integration : integrations_) integration->cancel(context, id);
        }
      });
    }
    // Every answer moves the execution on from the queue, never from inside the integration.
    auto later = [this, arn](std::function<void(asl::Execution&, TimestampMs)> change) {
      queue_.post([this, arn, change = std::move(change)] { advance(arn, change); });
    };
    TaskCallbacks callbacks;
    callbacks.started = [later, id](std::string worker) {
      later([id, worker](asl::Execution& e, TimestampMs now) { e.task_started(id, now, worker); });
    };
    callbacks.submitted = [later, id](asl::JsonPtr output) {
      later([id, output](asl::Execution& e, TimestampMs now) { e.task_submitted(id, output, now); });
    };
    callbacks.succeeded = [later, id](asl::JsonPtr output) {
      later([id, output](asl::Execution& e, TimestampMs now) { e.task_succeeded(id, output, now); });
    };
    callbacks.failed = [later, id](asl::Failure failure) {
      later([id, failure](asl::Execution& e, TimestampMs now) { e.task_failed(id, failure, now); });
    };
    integration->start(context, task, std::move(callbacks));
  }
}

void ExecutionService::on_timer(const std::string& arn, std::int64_t timer_id) {
  auto entry = find(arn);
  if (!entry) return;
  std::lock_guard lock(entry->mutex);
  if (entry->timers.erase(timer_id) == 0) return;  // cancelled meanwhile
  entry->execution->timer_fired(timer_id, clock_.now_ms());
  if (auto committed = commit(*entry); !committed) {
    spdlog::error("event=sfn_commit_failed execution={} error=\"{}\"", arn, committed.error().message);
    return;
  }
  arm(*entry);
}

void ExecutionService::on_timeout(const std::string& arn) {
  auto entry = find(arn);
  if (!entry) return;
  std::lock_guard lock(entry->mutex);
  entry->timeout.reset();
  entry->execution->time_out(clock_.now_ms());
  if (auto committed = commit(*entry); !committed) {
    spdlog::error("event=sfn_commit_failed execution={} error=\"{}\"", arn, committed.error().message);
    return;
  }
  arm(*entry);
}

Result<std::shared_ptr<const asl::Program>> ExecutionService::compiled(const std::string& revision,
                                                                       const std::string& definition) {
  {
    std::lock_guard lock(programs_mutex_);
    if (auto it = programs_.find(revision); it != programs_.end()) return it->second;
  }
  boost::system::error_code ec;
  auto parsed = parse_json_exact(definition, ec);
  if (ec) return fail(Error::internal(fmt::format("cannot parse the definition of {}", revision)));
  auto program = asl::Compiler::compile(parsed);
  if (!program) return fail(Error::internal(fmt::format("cannot compile {}: {}", revision, program.error().to_string())));
  std::lock_guard lock(programs_mutex_);
  if (programs_.size() >= kMaxCachedPrograms) programs_.clear();  // bounded; recompiling is cheap
  programs_.emplace(revision, *program);
  return *program;
}

Result<StartExecutionResult> ExecutionService::start(std::string_view region, std::string_view account,
                                                     StartExecutionRequest request) {
  auto launched = launch(region, account, std::move(request));
  if (!launched) return fail(launched.error());
  return launched->result;
}

Result<ExecutionService::Launched> ExecutionService::launch(std::string_view region, std::string_view account,
                                                            StartExecutionRequest request) {
  int pick = static_cast<int>(random_.next() % 100);
  auto target = machines_.resolve(request.state_machine_arn, pick);
  if (!target) return fail(target.error());
  const model::StateMachine& machine = target->machine;
  const std::string& definition = target->version ? target->version->definition : machine.definition;
  bool express = (target->version ? target->version->type : machine.type) == model::StateMachineType::kExpress;

  std::string name = request.name.value_or(uuid(random_));
  if (auto valid = validate_name(name); !valid) return fail(valid.error());
  std::string input_text = request.input.value_or("{}");
  if (input_text.size() > kMaxInputBytes) {
    return fail(Error::invalid_input(
        "validation", fmt::format("1 validation error detected: Value at 'input' failed to satisfy constraint: "
                                  "Member must have length less than or equal to {}", kMaxInputBytes)));
  }
  auto input = asl::parse_json(input_text);
  if (!input) {
    return fail(Error::invalid_input("input", fmt::format("Invalid State Machine Execution Input: '{}'",
                                                          "Unexpected character: the input is not valid JSON")));
  }
  // Compiled once per revision: the version's ARN, or the machine's ARN and revision id.
  std::string revision = target->version ? target->version->arn : machine.arn + "#" + machine.revision_id;
  auto program = compiled(revision, definition);
  if (!program) return fail(program.error());

  TimestampMs now = clock_.now_ms();
  auto entry = std::make_shared<Entry>();
  entry->express = express;
  entry->machine = machine;
  entry->version = target->version;
  entry->program = *program;
  entry->info.state_machine_arn = machine.arn;
  entry->info.name = name;
  entry->info.input = input_text;
  entry->info.start_ms = now;
  entry->info.trace_header = request.trace_header;
  if (target->version) entry->info.version_arn = target->version->arn;
  if (target->alias) entry->info.alias_arn = target->alias->arn;
  entry->info.arn = express ? fmt::format("arn:aws:states:{}:{}:express:{}:{}:{}", machine.region, machine.account,
                                          machine.name, name, uuid(random_))
                            : fmt::format("arn:aws:states:{}:{}:execution:{}:{}", machine.region, machine.account,
                                          machine.name, name);

  if (!express) {
    // Names are unique per machine: the same name with the same input while the execution is
    // open is the same start (a retried request); anything else is a conflict.
    auto existing = store_.get(kExecutionKind, entry->info.arn);
    if (!existing) return fail(existing.error());
    if (*existing) {
      auto decoded = decode_entry(**existing);
      if (decoded && (*existing)->open && decoded->info.input == input_text) {
        return Launched{find(entry->info.arn), StartExecutionResult{entry->info.arn, decoded->info.start_ms}};
      }
      return fail(Error{ErrorCode::kAlreadyExists, "execution",
                        fmt::format("Execution Already Exists: '{}'", entry->info.arn)});
    }
    auto seq = store_.reserve(kExecutionKind, 1);
    if (!seq) return fail(seq.error());
    entry->record.kind = std::string(kExecutionKind);
    entry->record.id = entry->info.arn;
    entry->record.parent = machine.arn;
    entry->record.seq = *seq;
    entry->record.created_ms = now;
    entry->record.version = 0;
  }

  asl::ExecutionInfo info;
  info.execution_arn = entry->info.arn;
  info.name = name;
  info.role_arn = target->version ? target->version->role_arn : machine.role_arn;
  info.state_machine_arn = machine.arn;
  info.state_machine_name = machine.name;
  info.region = machine.region;
  info.start_ms = now;
  info.express = express;
  info.max_history_events = express ? 0 : kMaxHistoryEvents;
  entry->execution = std::make_unique<asl::Execution>(entry->program, info, express ? nullptr : &entry->sink, &random_);

  std::lock_guard lock(entry->mutex);
  {
    std::lock_guard map_lock(mutex_);
    entries_[entry->info.arn] = entry;
  }
  entry->execution->start(input, now);
  {
    std::lock_guard counts_lock(counts_mutex_);
    ++counts_.started;
  }
  if (auto committed = commit(*entry); !committed) {
    std::lock_guard map_lock(mutex_);
    entries_.erase(entry->info.arn);
    if (committed.error().code == ErrorCode::kConflict) {  // a concurrent start with the same name won
      return fail(Error{ErrorCode::kAlreadyExists, "execution",
                        fmt::format("Execution Already Exists: '{}'", entry->info.arn)});
    }
    return fail(committed.error());
  }
  if (entry->program->timeout_seconds && entry->execution->status() == asl::ExecutionStatus::kRunning) {
    std::string arn = entry->info.arn;
    entry->timeout = queue_.post_at(now + *entry->program->timeout_seconds * 1000, [this, arn] { on_timeout(arn); });
  }
  arm(*entry);
  return Launched{entry, StartExecutionResult{entry->info.arn, now}};
}

void ExecutionService::start_sync_async(std::string_view region, std::string_view account,
                                        StartExecutionRequest request,
                                        std::function<void(Result<model::Execution>)> done) {
  auto target = machines_.resolve(request.state_machine_arn, 0);
  if (!target) return done(fail(target.error()));
  auto type = target->version ? target->version->type : target->machine.type;
  if (type != model::StateMachineType::kExpress) {
    return done(fail(Error::invalid_input("type", "This operation is not supported by this type of state machine")));
  }
  auto launched = launch(region, account, std::move(request));
  if (!launched) return done(fail(launched.error()));
  auto entry = launched->entry;
  if (!entry) return done(fail(Error::internal("the execution could not be followed")));
  std::unique_lock lock(entry->mutex);
  if (entry->finished) {  // it ran to the end while starting
    model::Execution info = entry->info;
    lock.unlock();
    return done(std::move(info));
  }
  entry->sync_waiters.push_back(std::move(done));
  if (!entry->sync_limit) {
    const std::string arn = entry->info.arn;
    entry->sync_limit = queue_.post_at(entry->info.start_ms + kExpressSyncLimitMs, [this, arn] {
      advance(arn, [](asl::Execution& execution, TimestampMs now) { execution.time_out(now); });
    });
  }
}

Result<model::Execution> ExecutionService::start_sync(std::string_view region, std::string_view account,
                                                      StartExecutionRequest request) {
  std::promise<Result<model::Execution>> outcome;
  auto future = outcome.get_future();
  start_sync_async(region, account, std::move(request),
                   [&outcome](Result<model::Execution> result) { outcome.set_value(std::move(result)); });
  return future.get();
}

// The record of a Standard execution, after the ARN checks every execution call makes.
Result<store::Record> ExecutionService::load_record(std::string_view execution_arn) const {
  // Express executions keep no history and cannot be described (AWS: InvalidArn).
  if (execution_arn.starts_with("arn:") && execution_arn.find(":express:") != std::string_view::npos) {
    return fail(Error::invalid_input("arn", "Invalid Arn: 'Resource type not valid in this context: express'"));
  }
  auto arn = parse_arn(execution_arn);
  if (!arn) return fail(arn.error());
  if (arn->resource_type != "execution") {
    return fail(Error::invalid_input(
        "arn", fmt::format("Invalid Arn: 'Resource type not valid in this context: {}'", arn->resource_type)));
  }
  auto record = store_.get(kExecutionKind, execution_arn);
  if (!record) return fail(record.error());
  if (!*record) return fail(execution_not_found(execution_arn));
  return std::move(**record);
}

Result<model::Execution> ExecutionService::describe(std::string_view execution_arn) const {
  auto record = load_record(execution_arn);
  if (!record) return fail(record.error());
  auto decoded = decode_entry(*record);
  if (!decoded) return fail(decoded.error());
  return decoded->info;
}

Result<StateMachineDescription> ExecutionService::describe_state_machine_for(std::string_view execution_arn) const {
  auto record = load_record(execution_arn);
  if (!record) return fail(record.error());
  auto decoded = decode_entry(*record);
  if (!decoded) return fail(decoded.error());
  return StateMachineDescription{decoded->machine, decoded->version};
}

// An execution as its record left it: the decider restored from the snapshot, with the program of
// the revision it runs. Null when the record has no snapshot.
Result<std::shared_ptr<ExecutionService::Entry>> ExecutionService::reload(const store::Record& record) {
  auto decoded = decode_entry(record);
  if (!decoded) return fail(decoded.error());
  if (!decoded->snapshot) return std::shared_ptr<Entry>();
  auto entry = std::make_shared<Entry>();
  entry->info = decoded->info;
  entry->machine = decoded->machine;
  entry->version = decoded->version;
  entry->record = record;
  const std::string& definition = entry->version ? entry->version->definition : entry->machine.definition;
  auto program = compiled(entry->version ? entry->version->arn : entry->machine.arn + "#" + entry->machine.revision_id,
                          definition);
  if (!program) return fail(program.error());
  entry->program = *program;
  asl::ExecutionInfo info;
  info.execution_arn = record.id;
  info.name = entry->info.name;
  info.role_arn = entry->version ? entry->version->role_arn : entry->machine.role_arn;
  info.state_machine_arn = entry->machine.arn;
  info.state_machine_name = entry->machine.name;
  info.region = entry->machine.region;
  info.start_ms = entry->info.start_ms;
  info.max_history_events = kMaxHistoryEvents;
  auto restored = asl::Execution::restore(entry->program, info, &entry->sink, &random_, *decoded->snapshot);
  if (!restored) return fail(Error::internal(fmt::format("execution {}: {}", record.id, restored.error())));
  entry->execution = std::move(*restored);
  return entry;
}

Result<TimestampMs> ExecutionService::redrive(std::string_view execution_arn) {
  auto record = load_record(execution_arn);
  if (!record) return fail(record.error());
  auto described = decode_entry(*record);
  if (!described) return fail(described.error());
  auto not_redrivable = [&](std::string why) {
    return fail(Error::invalid_state("redrive", fmt::format("Execution with ARN '{}' cannot be redriven: {}",
                                                            execution_arn, why)));
  };
  switch (described->info.status) {
    case model::ExecutionStatus::kFailed:
    case model::ExecutionStatus::kAborted:
    case model::ExecutionStatus::kTimedOut:
      break;
    default:
      return not_redrivable(fmt::format("its status is {}", model::kExecutionStatuses.name(described->info.status)));
  }
  TimestampMs now = clock_.now_ms();
  if (now - described->info.stop_ms > kRedriveWindowMs) return not_redrivable("it ended more than 14 days ago");
  auto reloaded = reload(*record);
  if (!reloaded) return fail(reloaded.error());
  if (!*reloaded) return not_redrivable("it ended before jobflow kept what a redrive needs");
  auto entry = std::move(*reloaded);

  std::lock_guard lock(entry->mutex);
  {
    std::lock_guard map_lock(mutex_);
    if (entries_.contains(entry->info.arn)) return not_redrivable("it is being redriven");
    entries_[entry->info.arn] = entry;
  }
  if (!entry->execution->redrive(now)) {
    std::lock_guard map_lock(mutex_);
    entries_.erase(entry->info.arn);
    return not_redrivable("its state does not allow it");
  }
  entry->info.stop_ms = 0;
  entry->info.output.reset();
  entry->info.error.reset();
  entry->info.cause.reset();
  entry->info.redrive_count += 1;
  entry->info.redrive_ms = now;
  if (auto committed = commit(*entry); !committed) {
    std::lock_guard map_lock(mutex_);
    entries_.erase(entry->info.arn);
    return fail(committed.error());
  }
  arm(*entry);
  return now;
}

Result<TimestampMs> ExecutionService::stop(std::string_view execution_arn, std::optional<std::string> error,
                                           std::optional<std::string> cause) {
  auto described = describe(execution_arn);
  if (!described) return fail(described.error());
  auto entry = find(execution_arn);
  if (!entry) return described->stop_ms != 0 ? described->stop_ms : clock_.now_ms();  // already ended
  std::lock_guard lock(entry->mutex);
  entry->execution->abort(std::move(error), std::move(cause), clock_.now_ms());
  if (auto committed = commit(*entry); !committed) return fail(committed.error());
  TimestampMs stopped = entry->info.stop_ms;
  arm(*entry);
  return stopped;
}

Result<ExecutionPage> ExecutionService::list(std::string_view state_machine_arn,
                                             std::optional<model::ExecutionStatus> status, std::int64_t max_results,
                                             std::string_view next_token) const {
  if (max_results > kMaxPage) {
    return fail(Error::invalid_input(
        "validation", fmt::format("1 validation error detected: Value '{}' at 'maxResults' failed to satisfy "
                                  "constraint: Member must have value less than or equal to 1000", max_results)));
  }
  auto machine = machines_.describe(state_machine_arn);
  if (!machine) return fail(machine.error());
  if (machine->machine.type == model::StateMachineType::kExpress) {
    return fail(Error::invalid_input("type", "This operation is not supported by this type of state machine"));
  }
  std::string list_name = fmt::format("executions:{}:{}", state_machine_arn,
                                      status ? model::kExecutionStatuses.name(*status) : "");
  store::ListQuery query;
  query.kind = std::string(kExecutionKind);
  query.parent = machine->machine.arn;
  if (status) query.states.push_back(std::string(model::kExecutionStatuses.name(*status)));
  query.newest_first = true;
  return seq_page<model::Execution>(store_, query, list_name, max_results, next_token,
                                    [](const store::Record& r) -> Result<model::Execution> {
                                      auto decoded = decode_entry(r);
                                      if (!decoded) return fail(decoded.error());
                                      return std::move(decoded->info);
                                    });
}

Result<HistoryPage> ExecutionService::history(std::string_view execution_arn, std::int64_t max_results, bool reverse,
                                              bool include_execution_data, std::string_view next_token) const {
  if (max_results > kMaxPage) {
    return fail(Error::invalid_input(
        "validation", fmt::format("1 validation error detected: Value '{}' at 'maxResults' failed to satisfy "
                                  "constraint: Member must have value less than or equal to 1000", max_results)));
  }
  if (auto record = load_record(execution_arn); !record) return fail(record.error());  // exists, is Standard
  std::string list_name = fmt::format("history:{}:{}", execution_arn, reverse ? "reverse" : "forward");
  std::int64_t after = 0;
  if (!next_token.empty()) {
    auto cursor = decode_page_token(list_name, next_token);
    if (!cursor) return fail(cursor.error());
    after = std::stoll(*cursor);
  }
  std::int64_t size = page_size(max_results);
  auto events = store_.events(kExecutionKind, execution_arn, after, size + 1, reverse);
  if (!events) return fail(events.error());
  HistoryPage page;
  for (std::size_t i = 0; i < events->size() && static_cast<std::int64_t>(i) < size; ++i) {
    page.events.push_back(include_execution_data ? (*events)[i].body : without_execution_data((*events)[i].body));
  }
  if (static_cast<std::int64_t>(events->size()) > size) {
    page.next_token = encode_page_token(list_name, std::to_string((*events)[static_cast<std::size_t>(size) - 1].seq));
  }
  return page;
}

Status ExecutionService::recover() {
  store::ListQuery query;
  query.kind = std::string(kExecutionKind);
  query.open_only = true;
  query.newest_first = false;
  auto records = store_.list(query);
  if (!records) return fail(records.error());
  std::size_t resumed = 0;
  for (const auto& record : *records) {
    auto reloaded = reload(record);
    if (!reloaded) return fail(reloaded.error());
    if (!*reloaded) continue;  // nothing was committed past the start: cannot happen
    auto entry = std::move(*reloaded);
    std::lock_guard lock(entry->mutex);
    {
      std::lock_guard map_lock(mutex_);
      entries_[record.id] = entry;
    }
    const std::string arn = record.id;
    for (const auto& t : entry->execution->pending_timers()) {
      entry->timers[t.id] = queue_.post_at(t.due_ms, [this, arn, id = t.id] { on_timer(arn, id); });
    }
    if (entry->program->timeout_seconds) {
      entry->timeout = queue_.post_at(entry->info.start_ms + *entry->program->timeout_seconds * 1000,
                                      [this, arn] { on_timeout(arn); });
    }
    // Tasks in flight: re-attached where they were submitted, else started again (at least once).
    dispatch(*entry, entry->execution->pending_tasks());
    ++resumed;
  }
  if (resumed > 0) spdlog::info("event=sfn_recovered executions={}", resumed);
  return {};
}

}  // namespace jobflow::engine::sfn
