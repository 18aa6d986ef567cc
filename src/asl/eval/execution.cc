#include "asl/eval/execution.h"

#include <algorithm>
#include <cmath>
#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "asl/eval/execution_runs.h"
#include "asl/eval/variable_scope.h"
#include "asl/value/timestamp.h"

namespace jobflow::asl {
namespace {

constexpr std::int64_t kMaxWaitMs = 24855LL * 86400 * 1000;  // AWS: 24,855 days at most

bool catchable(const Failure& failure) {
  return failure.error != "States.Runtime" && failure.error != "States.DataLimitExceeded";
}

bool matches(const std::vector<std::string>& names, const std::string& error) {
  for (const auto& name : names) {
    if (name == "States.ALL" || name == error) return true;
    if (name == "States.TaskFailed" && error != "States.Timeout") return true;
  }
  return false;
}

std::string text_of(const JsonPtr& value) { return value ? to_text(*value) : "null"; }


std::optional<std::int64_t> exact_integer(const Json& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  return std::nullopt;
}

// Java's Integer.parseInt / Double.parseDouble on what a *Path selected: numbers, and strings
// that spell one ("1"), are accepted.
std::optional<std::int64_t> integer_from(const Json& value) {
  if (auto exact = exact_integer(value)) return exact;
  if (!value.is_string()) return std::nullopt;
  std::string_view text(value.get_string());
  std::int64_t out = 0;
  auto [end, ec] = std::from_chars(text.data() + (text.starts_with('+') ? 1 : 0), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return out;
}

std::optional<double> float_from(const Json& value) {
  if (value.is_number()) return value.to_number<double>();
  if (!value.is_string()) return std::nullopt;
  std::string_view text(value.get_string());
  double out = 0;
  auto [end, ec] = std::from_chars(text.data() + (text.starts_with('+') ? 1 : 0), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return out;
}

// "arn:aws:states:<region>:<account>:activity:<name>"
bool is_activity(const std::string& resource) {
  return resource.starts_with("arn:") && resource.find(":states:") != std::string::npos &&
         resource.find(":activity:") != std::string::npos;
}

// The account of "arn:aws:states:<region>:<account>:stateMachine:<name>".
std::string account_of(const std::string& arn) {
  std::size_t pos = 0;
  for (int i = 0; i < 4 && pos != std::string::npos; ++i) pos = arn.find(':', pos + 1);
  if (pos == std::string::npos) return "123456789012";
  auto end = arn.find(':', pos + 1);
  return end == std::string::npos ? "123456789012" : arn.substr(pos + 1, end - pos - 1);
}

// "arn:aws:states:::elasticmapreduce:addStep.sync" -> ("elasticmapreduce", "addStep.sync").
std::pair<std::string, std::string> split_resource(const std::string& resource) {
  constexpr std::string_view kStates = "arn:aws:states:::";
  if (resource.starts_with(kStates)) {
    std::string rest = resource.substr(kStates.size());
    auto colon = rest.find(':');
    if (colon != std::string::npos) return {rest.substr(0, colon), rest.substr(colon + 1)};
    return {rest, {}};
  }
  return {"", resource};
}

}  // namespace

Execution::Execution(std::shared_ptr<const Program> program, ExecutionInfo info, HistorySink* sink,
                     Random* random)
    : program_(std::move(program)), info_(std::move(info)), sink_(sink), random_(random) {}

Execution::~Execution() = default;

Commands Execution::take_commands() { return std::exchange(commands_, Commands{}); }

template <class Build>
static std::int64_t emit_event(HistorySink* sink, std::int64_t& next_id, std::int64_t previous, std::string_view type,
                               std::int64_t now_ms, Build&& build) {
  std::int64_t id = next_id++;
  if (sink != nullptr) {
    HistoryEvent event;
    event.id = id;
    event.previous_event_id = previous;
    event.timestamp_ms = now_ms;
    event.type = std::string(type);
    event.details = build();
    sink->record(std::move(event));
  }
  return id;
}

std::int64_t Execution::emit(Run* run, std::string type, boost::json::object details, std::int64_t now_ms) {
  if (run != nullptr && run->quiet) return run->last_event_id;
  if (status_ != ExecutionStatus::kRunning) return next_event_id_ - 1;  // nothing after the end
  if (recording() && info_.max_history_events > 0 && next_event_id_ >= info_.max_history_events) {
    history_full(now_ms);
    return next_event_id_ - 1;
  }
  std::int64_t previous = run != nullptr ? run->last_event_id : next_event_id_ - 1;
  std::int64_t id = emit_event(sink_, next_event_id_, previous, type, now_ms, [&] { return std::move(details); });
  if (run != nullptr) run->last_event_id = id;
  return id;
}

namespace {
boost::json::object io_details(std::string_view key, const JsonPtr& value) {
  boost::json::object o;
  o[key] = text_of(value);
  o[std::string(key) + "Details"] = boost::json::object{{"truncated", false}};
  return o;
}
}  // namespace

void Execution::preset_variable(std::string name, JsonPtr value) {
  preset_variables_.emplace_back(std::move(name), std::move(value));
}

void Execution::rebuild_execution_context() {
  boost::json::object execution;
  execution["Id"] = info_.execution_arn;
  execution["Input"] = *input_;
  execution["StartTime"] = format_timestamp_ms(info_.start_ms);
  execution["Name"] = info_.name;
  execution["RoleArn"] = info_.role_arn;
  if (!info_.express) execution["RedriveCount"] = info_.redrive_count;  // Express cannot be redriven
  execution_context_ = make_json(std::move(execution));
}

void Execution::start(JsonPtr input, std::int64_t now_ms) {
  input_ = input ? std::move(input) : make_json(boost::json::object());
  if (recording()) {
    auto details = io_details("input", input_);
    details["roleArn"] = info_.role_arn;
    emit(nullptr, "ExecutionStarted", std::move(details), now_ms);
  } else {
    ++next_event_id_;
  }
  root_ = std::make_unique<Run>();
  root_->graph = &program_->top;
  root_->state = program_->top.start;
  root_->input = input_;
  root_->last_event_id = 0;  // AWS: the first state's previousEventId is 0
  root_->variables = std::make_shared<VariableScope>();
  for (auto& [name, value] : preset_variables_) root_->variables->assign(name, value);
  ready_.push_back(root_.get());
  pump(now_ms);
}

void Execution::pump(std::int64_t now_ms) {
  if (pumping_) return;
  pumping_ = true;
  while (!ready_.empty() && status_ == ExecutionStatus::kRunning) {
    Run* run = ready_.front();
    ready_.pop_front();
    step(*run, now_ms);
  }
  pumping_ = false;
  retired_fanouts_.clear();  // no step is on the stack any more
}

void Execution::retire_fanout(Run& run) {
  if (run.fanout) retired_fanouts_.push_back(std::move(run.fanout));
}

void Execution::step(Run& run, std::int64_t now_ms) {
  while (run.phase == Run::Phase::kReady && !run.cancelled && status_ == ExecutionStatus::kRunning) {
    if (run.needs_enter) enter(run, now_ms);
    run.needs_enter = false;
    if (run.cancelled || status_ != ExecutionStatus::kRunning) break;  // e.g. the history limit
    execute(run, now_ms);
  }
}

void Execution::enter(Run& run, std::int64_t now_ms) {
  const State& st = run.current();
  ++transitions_;
  run.entered_ms = now_ms;
  run.attempts.assign(st.retriers.size(), 0);
  if (run.quiet) {
    run.entered_event_id = run.last_event_id;
  } else if (recording()) {
    auto details = io_details("input", run.input);
    details["name"] = st.name;
    run.entered_event_id =
        emit(&run, fmt::format("{}StateEntered", state_type_name(st.type)), std::move(details), now_ms);
  } else {
    run.entered_event_id = next_event_id_++;
    run.last_event_id = run.entered_event_id;
  }
}

Failure Execution::in_state(const Run& run, Failure failure) const {
  if (failure.error == "States.Runtime" || failure.error == "States.IntrinsicFailure" ||
      failure.error == "States.QueryEvaluationError") {
    failure.cause = fmt::format("An error occurred while executing the state '{}' (entered at the event id #{}). {}",
                                run.current().name, run.entered_event_id, failure.cause);
  }
  return failure;
}

JsonPtr Execution::context_for(Run& run) {
  const State& st = run.current();
  // Built on first use: it holds a copy of the execution input, which most executions never read.
  if (!execution_context_) rebuild_execution_context();
  boost::json::object context;
  context["Execution"] = *execution_context_;
  context["StateMachine"] = boost::json::object{{"Id", info_.state_machine_arn}, {"Name", info_.state_machine_name}};
  boost::json::object state{{"Name", st.name}, {"EnteredTime", format_timestamp_ms(run.entered_ms)}};
  if (st.type == StateType::kTask) {
    std::int64_t retries = 0;
    for (auto a : run.attempts) retries += a;
    state["RetryCount"] = retries;
  }
  context["State"] = std::move(state);
  if (!run.task_token.empty()) context["Task"] = boost::json::object{{"Token", run.task_token}};
  return make_json(std::move(context));
}

Scope Execution::scope(Run& run, JsonPtr input) {
  Scope s;
  s.input = std::move(input);
  if (run.current().uses_context) s.context = context_for(run);
  s.variables = run.variables.get();
  s.random = random_;
  return s;
}

Outcome<JsonPtr> Execution::apply_input_path(Run& run, const JsonPtr& raw) {
  const IoPath& p = run.current().input_path;
  switch (p.mode) {
    case IoPath::Mode::kIdentity: return raw;
    case IoPath::Mode::kEmpty: return make_json(boost::json::object());
    case IoPath::Mode::kPath: {
      auto found = p.path->find(scope(run, raw));
      if (!found) return raise(Failure::runtime(fmt::format("Invalid path '{}' : {}", p.path->text(), found.error())));
      return *found;
    }
  }
  return raw;
}

Outcome<JsonPtr> Execution::apply_output_path(Run& run, const JsonPtr& value) {
  const IoPath& p = run.current().output_path;
  switch (p.mode) {
    case IoPath::Mode::kIdentity: return value;
    case IoPath::Mode::kEmpty: return make_json(boost::json::object());
    case IoPath::Mode::kPath: {
      auto found = p.path->find(scope(run, value));
      if (!found) return raise(Failure::runtime(fmt::format("Invalid path '{}' : {}", p.path->text(), found.error())));
      return *found;
    }
  }
  return value;
}

Outcome<JsonPtr> Execution::apply_result_path(Run& run, const ResultPathSpec& spec, const JsonPtr& raw,
                                              const JsonPtr& result) {
  switch (spec.mode) {
    case ResultPathSpec::Mode::kReplace: return result;
    case ResultPathSpec::Mode::kDiscard: return raw;
    case ResultPathSpec::Mode::kPath: return spec.path->apply(raw, result);
  }
  return result;
}

bool Execution::inspected(const Run& run) const {
  return inspection_ != nullptr && run.parent == nullptr && run.state == run.graph->start;
}

void Execution::execute(Run& run, std::int64_t now_ms) {
  const State& st = run.current();
  if (st.jsonata) return execute_jsonata(run, now_ms);
  auto effective = apply_input_path(run, run.input);
  if (!effective) return state_failed(run, in_state(run, effective.error()), now_ms);
  run.effective = *effective;
  Inspection* inspection = inspected(run) ? inspection_ : nullptr;
  if (inspection != nullptr) inspection->after_input_path = run.effective;

  switch (st.type) {
    case StateType::kPass: {
      JsonPtr value = run.effective;
      if (st.parameters) {
        auto p = st.parameters->evaluate(scope(run, value));
        if (!p) return state_failed(run, in_state(run, p.error()), now_ms);
        value = *p;
        if (inspection != nullptr) inspection->after_parameters = value;
      }
      if (st.result) value = st.result;
      return finish_state(run, value, true, now_ms);
    }
    case StateType::kChoice: {
      Scope s = scope(run, run.effective);
      for (std::size_t i = 0; i < st.choices.size(); ++i) {
        auto matched = st.choices[i].matches(s);
        if (!matched) return state_failed(run, in_state(run, matched.error()), now_ms);
        if (*matched) {
          auto assigned = evaluate_assign(run, st.choice_assign[i], run.effective);
          if (!assigned) return state_failed(run, in_state(run, assigned.error()), now_ms);
          auto out = apply_output_path(run, run.effective);
          if (!out) return state_failed(run, in_state(run, out.error()), now_ms);
          state_exited(run, *assigned, *out, now_ms);
          return transition(run, *out, st.choice_next[i], now_ms);
        }
      }
      if (st.default_next >= 0) {
        auto assigned = evaluate_assign(run, st.assign, run.effective);
        if (!assigned) return state_failed(run, in_state(run, assigned.error()), now_ms);
        auto out = apply_output_path(run, run.effective);
        if (!out) return state_failed(run, in_state(run, out.error()), now_ms);
        state_exited(run, *assigned, *out, now_ms);
        return transition(run, *out, st.default_next, now_ms);
      }
      return state_failed(run, Failure{"States.NoChoiceMatched",
                                       fmt::format("No Matches! at state '{}'", st.name)}, now_ms);
    }
    case StateType::kWait: {
      auto literal = literal_wait_due(st, now_ms);
      if (!literal) return state_failed(run, in_state(run, literal.error()), now_ms);
      if (*literal) return start_wait(run, **literal, now_ms);
      std::int64_t due = now_ms;
      if (st.seconds_path) {
        auto found = st.seconds_path->find(scope(run, run.effective));
        if (!found) return state_failed(run, in_state(run, Failure::runtime(fmt::format("Invalid path '{}' : {}", st.seconds_path->text(), found.error()))), now_ms);
        auto seconds = exact_integer(**found);
        if (!seconds) {
          return state_failed(run, in_state(run, Failure::runtime(fmt::format(
              "The SecondsPath parameter cannot be parsed as a long value: {} == {}", st.seconds_path->text(), shown_in_cause(**found)))), now_ms);
        }
        if (*seconds < 0) {
          return state_failed(run, in_state(run, Failure::runtime(fmt::format(
              "The SecondsPath parameter references a negative value: {} == {}", st.seconds_path->text(), *seconds))), now_ms);
        }
        if (*seconds > kMaxWaitMs / 1000) {
          return state_failed(run, in_state(run, Failure::runtime("Wait state delay is too long.")), now_ms);
        }
        due = now_ms + *seconds * 1000;
      } else if (st.timestamp_path) {
        auto found = st.timestamp_path->find(scope(run, run.effective));
        if (!found) return state_failed(run, in_state(run, Failure::runtime(fmt::format("Invalid path '{}' : {}", st.timestamp_path->text(), found.error()))), now_ms);
        std::optional<std::int64_t> at;
        if ((*found)->is_string()) at = parse_offset_timestamp(std::string_view((*found)->get_string()));
        if (!at) {
          return state_failed(run, in_state(run, Failure::runtime(fmt::format(
              "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {}",
              st.timestamp_path->text(), shown_in_cause(**found)))), now_ms);
        }
        due = *at;
      }
      return start_wait(run, due, now_ms);
    }
    case StateType::kSucceed:
      return finish_state(run, run.effective, false, now_ms);
    case StateType::kFail: {
      auto resolve = [&](const DynamicValue& v, std::string_view field) -> Outcome<std::optional<std::string>> {
        if (v.literal) return v.literal;
        JsonPtr value;
        if (v.path) {
          auto found = v.path->find(scope(run, run.effective));
          if (!found) {
            return raise(Failure::runtime(fmt::format("The JSONPath '{}' specified for the field '{}' could not be found in the input '{}'",
                                                      v.path->text(), field, text_of(run.effective))));
          }
          value = *found;
        } else if (v.intrinsic) {
          auto r = v.intrinsic->evaluate(scope(run, run.effective));
          if (!r) return raise(r.error());
          value = *r;
        } else {
          return std::optional<std::string>();
        }
        if (value->is_string()) return std::optional<std::string>(std::string(value->get_string()));
        return std::optional<std::string>(to_text(*value));
      };
      auto error = resolve(st.error, "ErrorPath");
      if (!error) return state_failed(run, in_state(run, error.error()), now_ms);
      auto cause = resolve(st.cause, "CausePath");
      if (!cause) return state_failed(run, in_state(run, cause.error()), now_ms);
      Failure failure{error->value_or(""), cause->value_or("")};
      return run_failed(run, std::move(failure), now_ms);
    }
    case StateType::kTask: {
      issue_task_token(run);
      JsonPtr parameters = run.effective;
      if (st.parameters) {
        auto p = st.parameters->evaluate(scope(run, run.effective));
        if (!p) return state_failed(run, in_state(run, p.error()), now_ms);
        parameters = *p;
        if (inspection != nullptr) inspection->after_parameters = parameters;
      }
      TaskRequest task = new_task(run, parameters);
      for (auto [path, slot, name] : {std::tuple{&st.timeout_seconds_path, &task.timeout_seconds, "TimeoutSecondsPath"},
                                      std::tuple{&st.heartbeat_seconds_path, &task.heartbeat_seconds, "HeartbeatSecondsPath"}}) {
        if (!*path) continue;
        auto found = (*path)->find(scope(run, run.effective));
        std::optional<std::int64_t> value;
        if (found) value = exact_integer(**found);
        if (!value || *value <= 0) {
          return state_failed(run, in_state(run, Failure::runtime(fmt::format(
              "The {} field refers to value \"{}\" which is not a valid positive integer: {}", name,
              found ? shown_in_cause(**found) : std::string("null"), (*path)->text()))), now_ms);
        }
        *slot = value;
      }
      return schedule_task(run, std::move(task), now_ms);
    }
    case StateType::kParallel: {
      JsonPtr input = run.effective;
      if (st.parameters) {
        auto p = st.parameters->evaluate(scope(run, run.effective));
        if (!p) return state_failed(run, in_state(run, p.error()), now_ms);
        input = *p;
      }
      return start_parallel(run, input, now_ms);
    }
    case StateType::kMap: {
      JsonPtr items = run.effective;
      if (st.items_path) {
        auto found = st.items_path->find(scope(run, run.effective));
        if (!found) return state_failed(run, in_state(run, Failure::runtime(fmt::format("Invalid path '{}' : {}", st.items_path->text(), found.error()))), now_ms);
        items = *found;
      }
      if (!items->is_array()) {
        return state_failed(run, in_state(run, Failure::runtime(fmt::format(
            "Reference path \"{}\" must point to array.", st.items_path ? st.items_path->text() : std::string("$")))), now_ms);
      }
      std::int64_t max_concurrency = st.max_concurrency;
      if (st.max_concurrency_path) {
        auto found = st.max_concurrency_path->find(scope(run, run.effective));
        std::optional<std::int64_t> value;
        if (found) value = integer_from(**found);
        if (!value) {
          return state_failed(run, in_state(run, Failure::runtime(fmt::format(
              "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: {}",
              found ? shown_in_cause(**found) : std::string("null"), st.max_concurrency_path->text()))), now_ms);
        }
        max_concurrency = *value;
      }
      if (max_concurrency < 0) return park(run);
      auto fanout = open_map(run, items, run.effective, max_concurrency, now_ms);
      // AWS reads the tolerated-failure paths after MapStateStarted (recorded histories).
      if (st.tolerated_failure_count_path) {
        auto found = st.tolerated_failure_count_path->find(scope(run, run.effective));
        std::optional<std::int64_t> value;
        if (found) value = integer_from(**found);
        if (!value) {
          return state_failed(run, in_state(run, Failure::runtime(fmt::format(
              "The ToleratedFailureCountPath field refers to value \"{}\" which is not a valid integer: {}",
              found ? shown_in_cause(**found) : std::string("null"), st.tolerated_failure_count_path->text()))), now_ms);
        }
        if (*value < 0) return state_failed(run, in_state(run, Failure::runtime("ToleratedFailureCount cannot be negative.")), now_ms);
        fanout->tolerated_count = value;
      }
      if (st.tolerated_failure_percentage_path) {
        auto found = st.tolerated_failure_percentage_path->find(scope(run, run.effective));
        std::optional<double> value;
        if (found) value = float_from(**found);
        if (!value) {
          return state_failed(run, in_state(run, Failure::runtime(fmt::format(
              "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: {}",
              found ? shown_in_cause(**found) : std::string("null"), st.tolerated_failure_percentage_path->text()))), now_ms);
        }
        if (*value < 0 || *value > 100) {
          return state_failed(run, in_state(run, Failure::runtime("ToleratedFailurePercentage must be between 0 and 100.")), now_ms);
        }
        fanout->tolerated_percentage = value;
      }
      return launch_map(run, std::move(fanout), now_ms);
    }
  }
}

void Execution::park(Run& run) {
  // Recorded AWS behaviour: a negative MaxConcurrency leaves the execution RUNNING, with no
  // progress and no error, until it is stopped or times out. The run waits for nothing likewise.
  run.waiting = Run::Waiting::kChildren;
  run.phase = Run::Phase::kWaiting;
}

std::unique_ptr<Execution::Fanout> Execution::open_map(Run& run, JsonPtr items, JsonPtr selector_input,
                                                      std::int64_t max_concurrency, std::int64_t now_ms) {
  const State& st = run.current();
  auto fanout = std::make_unique<Fanout>();
  fanout->is_map = true;
  fanout->items = std::move(items);
  fanout->selector_input = std::move(selector_input);
  fanout->max_concurrency = max_concurrency;
  fanout->tolerated_count = st.tolerated_failure_count;
  fanout->tolerated_percentage = st.tolerated_failure_percentage;
  std::size_t n = fanout->items->get_array().size();
  fanout->results.resize(n);
  if (recording()) {
    emit(&run, "MapStateStarted", boost::json::object{{"length", n}}, now_ms);
  } else {
    emit(&run, "MapStateStarted", {}, now_ms);
  }
  return fanout;
}

void Execution::launch_map(Run& run, std::unique_ptr<Fanout> fanout, std::int64_t now_ms) {
  const State& st = run.current();
  std::size_t n = fanout->results.size();
  run.fanout = std::move(fanout);
  if (st.distributed) {
    std::string run_id = fmt::format("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", static_cast<std::uint32_t>(next_event_id_),
                                     static_cast<std::uint32_t>(run.entered_event_id & 0xffff), 0, 0,
                                     static_cast<std::uint64_t>(now_ms) & 0xffffffffffffULL);
    if (random_ != nullptr) {
      std::uint64_t a = random_->next();
      std::uint64_t b = random_->next();
      run_id = fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", static_cast<std::uint32_t>(a >> 32),
                           static_cast<std::uint32_t>(a & 0xffff), static_cast<std::uint32_t>((a >> 16) & 0xfff),
                           static_cast<std::uint32_t>(0x8000 | (b & 0x3fff)), (b >> 16) & 0xffffffffffffULL);
    }
    std::string label = st.label.empty() ? run_id.substr(0, 8) : st.label;
    std::string arn = fmt::format("arn:aws:states:{}:{}:mapRun:{}/{}:{}", info_.region, account_of(info_.state_machine_arn),
                                  info_.state_machine_name, label, run_id);
    if (recording()) {
      emit(&run, "MapRunStarted", boost::json::object{{"mapRunArn", arn}}, now_ms);
    } else {
      emit(&run, "MapRunStarted", {}, now_ms);
    }
  }
  run.waiting = Run::Waiting::kChildren;
  run.phase = Run::Phase::kWaiting;
  if (n == 0) return complete_fanout(run, now_ms);
  start_map_iterations(run, now_ms);
}

Outcome<std::optional<std::int64_t>> Execution::literal_wait_due(const State& st, std::int64_t now_ms) {
  if (st.seconds) return now_ms + *st.seconds * 1000;
  if (!st.timestamp) return std::optional<std::int64_t>();
  auto at = parse_offset_timestamp(*st.timestamp);
  if (!at) {
    return raise(Failure::runtime(
        "The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format string."));
  }
  return at;
}

void Execution::start_wait(Run& run, std::int64_t due, std::int64_t now_ms) {
  if (due - now_ms > kMaxWaitMs) {
    return state_failed(run, in_state(run, Failure::runtime("Wait state delay is too long.")), now_ms);
  }
  if (due <= now_ms) return finish_state(run, run.effective, false, now_ms);
  run.work_id = next_work_id_++;
  run.waiting = Run::Waiting::kWaitTimer;
  run.phase = Run::Phase::kWaiting;
  waiting_[run.work_id] = &run;
  run.due_ms = due;
  commands_.start_timers.push_back({run.work_id, due});
}

void Execution::issue_task_token(Run& run) {
  // Callback tasks get a token, visible to Parameters as $$.Task.Token.
  const State& st = run.current();
  run.task_token.clear();
  if (is_activity(st.resource) || st.resource.ends_with(".waitForTaskToken")) run.task_token = new_task_token();
}

TaskRequest Execution::new_task(Run& run, JsonPtr parameters) {
  const State& st = run.current();
  TaskRequest task;
  task.id = next_work_id_++;
  task.state_name = st.name;
  task.resource = st.resource;
  task.parameters = std::move(parameters);
  task.timeout_seconds = st.timeout_seconds;
  task.heartbeat_seconds = st.heartbeat_seconds;
  task.token = run.task_token;
  return task;
}

void Execution::schedule_task(Run& run, TaskRequest task, std::int64_t now_ms) {
  const State& st = run.current();
  const JsonPtr& parameters = task.parameters;
  if (recording() && is_activity(st.resource)) {
    auto details = io_details("input", parameters);
    details["resource"] = st.resource;
    if (task.timeout_seconds) details["timeoutInSeconds"] = *task.timeout_seconds;
    if (task.heartbeat_seconds) details["heartbeatInSeconds"] = *task.heartbeat_seconds;
    emit(&run, "ActivityScheduled", std::move(details), now_ms);
  } else if (recording()) {
    auto [type, resource] = split_resource(st.resource);
    boost::json::object details{{"resourceType", type}, {"resource", resource}, {"region", info_.region},
                                {"parameters", text_of(parameters)}};
    if (task.timeout_seconds) details["timeoutInSeconds"] = *task.timeout_seconds;
    if (task.heartbeat_seconds) details["heartbeatInSeconds"] = *task.heartbeat_seconds;
    emit(&run, "TaskScheduled", std::move(details), now_ms);
  }
  run.work_id = task.id;
  run.task = task;
  run.waiting = Run::Waiting::kTask;
  run.phase = Run::Phase::kWaiting;
  waiting_[task.id] = &run;
  commands_.start_tasks.push_back(std::move(task));
}

void Execution::start_parallel(Run& run, const JsonPtr& input, std::int64_t now_ms) {
  const State& st = run.current();
  emit(&run, "ParallelStateStarted", {}, now_ms);
  auto fanout = std::make_unique<Fanout>();
  fanout->results.resize(st.branches.size());
  for (std::size_t i = 0; i < st.branches.size(); ++i) {
    auto child = std::make_unique<Run>();
    child->graph = st.branches[i].get();
    child->state = child->graph->start;
    child->input = input;
    child->parent = &run;
    child->index = i;
    child->last_event_id = run.last_event_id;
    child->variables = std::make_shared<VariableScope>(run.variables);
    child->quiet = run.quiet;
    ready_.push_back(child.get());
    fanout->children.push_back(std::move(child));
  }
  run.fanout = std::move(fanout);
  run.waiting = Run::Waiting::kChildren;
  run.phase = Run::Phase::kWaiting;
  if (st.branches.empty()) complete_fanout(run, now_ms);
  return;
}

void Execution::start_map_iterations(Run& parent, std::int64_t now_ms) {
  const State& st = parent.current();
  Fanout& f = *parent.fanout;
  const auto& items = f.items->get_array();
  while (!f.over && f.next < items.size() &&
         (f.max_concurrency <= 0 || f.running < static_cast<std::size_t>(f.max_concurrency))) {
    std::size_t i = f.next++;
    JsonPtr item = alias(f.items, items[i]);
    JsonPtr input = item;
    if (st.jsonata) {
      auto selected = jsonata_item_input(parent, i, item);
      if (!selected) return selector_failed(parent, std::move(selected.error()), now_ms);
      input = *selected;
    } else if (st.parameters) {
      Scope s = scope(parent, f.selector_input);
      boost::json::object context = (s.context ? s.context : context_for(parent))->as_object();
      context["Map"] = boost::json::object{{"Item", boost::json::object{{"Index", i}, {"Value", *item}}}};
      s.context = make_json(std::move(context));
      auto selected = st.parameters->evaluate(s);
      if (!selected) return selector_failed(parent, std::move(selected.error()), now_ms);
      input = *selected;
    }
    if (st.distributed) {
      // A distributed Map's iterations are child executions with histories of their own.
    } else if (recording()) {
      emit(&parent, "MapIterationStarted", boost::json::object{{"index", i}, {"name", st.name}}, now_ms);
    } else {
      emit(&parent, "MapIterationStarted", {}, now_ms);
    }
    auto child = std::make_unique<Run>();
    child->graph = st.processor.get();
    child->state = child->graph->start;
    child->input = input;
    child->parent = &parent;
    child->index = i;
    child->last_event_id = parent.last_event_id;
    // Distributed Map iterations are child executions: they see no outer variables.
    child->variables = std::make_shared<VariableScope>(st.distributed ? nullptr : parent.variables);
    child->quiet = st.distributed || parent.quiet;
    ready_.push_back(child.get());
    f.children.push_back(std::move(child));
    ++f.running;
  }
}

void Execution::selector_failed(Run& parent, Failure failure, std::int64_t now_ms) {
  Fanout& f = *parent.fanout;
  f.over = true;
  // The iterations already started stop with the Map, before a catcher or a retry moves it on.
  for (auto& child : f.children) {
    if (child->phase != Run::Phase::kDone) cancel_run(*child);
  }
  if (!parent.current().jsonata) return state_failed(parent, in_state(parent, std::move(failure)), now_ms);
  parent.fanout_failed = true;  // as for Items: the Map records MapStateFailed
  evaluation_failed(parent, std::move(failure), now_ms);
}

void Execution::state_exited(Run& run, const JsonPtr& assigned, const JsonPtr& output, std::int64_t now_ms) {
  if (!recording()) return commit_assign(run, assigned, nullptr);
  boost::json::object details;
  commit_assign(run, assigned, &details);
  auto io = io_details("output", output);
  for (auto& m : io) details[m.key()] = std::move(m.value());
  details["name"] = run.current().name;
  emit(&run, fmt::format("{}StateExited", state_type_name(run.current().type)), std::move(details), now_ms);
}

std::optional<Failure> Execution::payload_too_large(const Run& run, const JsonPtr& result) {
  // Only new data can break the limit, so the (cheap, early stopping) count runs only when the
  // state produced some.
  if (result == run.input || result == run.effective || json_text_size(*result, kMaxPayloadBytes) <= kMaxPayloadBytes) {
    return std::nullopt;
  }
  return Failure{"States.DataLimitExceeded",
                 fmt::format("The state/task '{}' returned a result with a size exceeding the maximum number of "
                             "bytes service limit.", run.current().name)};
}

Outcome<JsonPtr> Execution::evaluate_assign(Run& run, const std::optional<PayloadTemplate>& assign,
                                            const JsonPtr& dollar) {
  if (!assign) return JsonPtr();
  return assign->evaluate(scope(run, dollar));
}

void Execution::commit_assign(Run& run, const JsonPtr& values, boost::json::object* details) {
  if (!values || !values->is_object()) return;
  boost::json::object assigned;
  for (const auto& member : values->get_object()) {
    run.variables->assign(std::string(member.key()), alias(values, member.value()));
    if (details != nullptr) assigned[member.key()] = to_text(member.value());
  }
  if (details != nullptr && !assigned.empty()) {
    (*details)["assignedVariables"] = std::move(assigned);
    (*details)["assignedVariablesDetails"] = boost::json::object{{"truncated", false}};
  }
}

void Execution::finish_state(Run& run, const JsonPtr& value, bool is_result, std::int64_t now_ms) {
  const State& st = run.current();
  if (st.jsonata) return finish_jsonata_state(run, value, is_result, now_ms);
  JsonPtr output = value;
  JsonPtr result = value;
  Inspection* inspection = inspected(run) ? inspection_ : nullptr;
  if (inspection != nullptr && is_result) inspection->result = value;
  if (is_result && st.result_selector) {
    auto selected = st.result_selector->evaluate(scope(run, value));
    if (!selected) return state_failed(run, in_state(run, selected.error()), now_ms);
    result = *selected;
    if (inspection != nullptr) inspection->after_result_selector = result;
  }
  // Assign sees the result (the effective input where there is none) and the variables as they
  // were when the state was entered; its values are visible from the next state on.
  auto assigned = evaluate_assign(run, st.assign, result);
  if (!assigned) return state_failed(run, in_state(run, assigned.error()), now_ms);
  if (is_result) {
    auto merged = apply_result_path(run, st.result_path, run.input, result);
    if (!merged) return state_failed(run, in_state(run, merged.error()), now_ms);
    output = *merged;
    if (inspection != nullptr) inspection->after_result_path = output;
  }
  if (is_result) {
    if (auto too_large = payload_too_large(run, result)) return run_failed(run, std::move(*too_large), now_ms);
  }
  auto out = apply_output_path(run, output);
  if (!out) return state_failed(run, in_state(run, out.error()), now_ms);
  state_exited(run, *assigned, *out, now_ms);
  transition(run, *out, st.end ? -1 : st.next, now_ms);
}

void Execution::transition(Run& run, JsonPtr output, int next, std::int64_t now_ms) {
  retire_fanout(run);
  run.waiting = Run::Waiting::kNone;
  if (next < 0) return run_succeeded(run, std::move(output), now_ms);
  bool was_waiting = run.phase == Run::Phase::kWaiting;
  run.state = next;
  run.input = std::move(output);
  run.needs_enter = true;
  run.phase = Run::Phase::kReady;
  if (was_waiting) ready_.push_back(&run);  // resumed from a callback: queue it
}

void Execution::run_succeeded(Run& run, JsonPtr output, std::int64_t now_ms) {
  run.phase = Run::Phase::kDone;
  run.output = std::move(output);
  if (run.parent != nullptr) return child_done(run, now_ms);
  if (status_ != ExecutionStatus::kRunning) return;
  output_ = run.output;
  if (recording()) {
    emit(&run, "ExecutionSucceeded", io_details("output", output_), now_ms);
  }
  finish_execution(ExecutionStatus::kSucceeded, now_ms);
}

void Execution::run_failed(Run& run, Failure failure, std::int64_t now_ms) {
  run.phase = Run::Phase::kDone;
  run.failure = std::move(failure);
  if (run.parent != nullptr) return child_done(run, now_ms);
  if (status_ != ExecutionStatus::kRunning) return;
  failure_ = run.failure;
  if (recording()) {
    boost::json::object details;
    if (!failure_->cause.empty()) details["cause"] = failure_->cause;
    if (!failure_->error.empty()) details["error"] = failure_->error;
    emit(&run, "ExecutionFailed", std::move(details), now_ms);
  }
  finish_execution(ExecutionStatus::kFailed, now_ms);
}

void Execution::state_failed(Run& run, Failure failure, std::int64_t now_ms) {
  const State& st = run.current();
  bool has_handlers = st.type == StateType::kTask || st.type == StateType::kParallel || st.type == StateType::kMap;
  if (has_handlers && catchable(failure)) {
    for (std::size_t i = 0; i < st.retriers.size(); ++i) {
      if (!matches(st.retriers[i].errors, failure.error)) continue;
      if (run.attempts[i] < st.retriers[i].max_attempts) return schedule_retry(run, i, now_ms);
      break;  // the first matching retrier is exhausted: on to the catchers
    }
    for (const auto& catcher : st.catchers) {
      if (!matches(catcher.errors, failure.error)) continue;
      boost::json::object error_object;
      error_object["Error"] = failure.null_error ? boost::json::value() : boost::json::value(failure.error);
      error_object["Cause"] = failure.null_cause ? boost::json::value() : boost::json::value(failure.cause);
      auto error_output = make_json(std::move(error_object));
      Outcome<JsonPtr> assigned, merged;
      if (st.jsonata) {
        auto evaluated = jsonata_catcher(run, catcher, error_output);
        if (!evaluated) return evaluation_failed(run, std::move(evaluated.error()), now_ms, /*final=*/true);
        assigned = evaluated->first;
        merged = evaluated->second;
      } else {
        assigned = evaluate_assign(run, catcher.assign, error_output);
        if (assigned) merged = apply_result_path(run, catcher.result_path, run.input, error_output);
        if (!assigned || !merged) {
          emit_fanout_failed(run, now_ms);
          return run_failed(run, in_state(run, !assigned ? assigned.error() : merged.error()), now_ms);
        }
      }
      emit_fanout_failed(run, now_ms);
      state_exited(run, *assigned, *merged, now_ms);
      return transition(run, *merged, catcher.next, now_ms);
    }
  }
  emit_fanout_failed(run, now_ms);
  run_failed(run, std::move(failure), now_ms);
}

// MapStateFailed / ParallelStateFailed: once, when a failure of a branch or an iteration is
// final for the state (not retried), before the catcher's Exited event or the propagation.
void Execution::emit_fanout_failed(Run& run, std::int64_t now_ms) {
  if (!run.fanout_failed) return;
  run.fanout_failed = false;
  emit(&run, run.current().type == StateType::kMap ? "MapStateFailed" : "ParallelStateFailed", {}, now_ms);
}

void Execution::schedule_retry(Run& run, std::size_t retrier, std::int64_t now_ms) {
  const Retrier& r = run.current().retriers[retrier];
  std::int64_t attempt = run.attempts[retrier]++;
  double delay = static_cast<double>(r.interval_seconds) * std::pow(r.backoff_rate, static_cast<double>(attempt));
  if (r.max_delay_seconds) delay = std::min(delay, static_cast<double>(*r.max_delay_seconds));
  if (r.full_jitter && random_ != nullptr) {
    delay *= static_cast<double>(random_->next() >> 11) / static_cast<double>(1ULL << 53);
  }
  retire_fanout(run);
  run.fanout_failed = false;
  run.work_id = next_work_id_++;
  run.waiting = Run::Waiting::kRetryTimer;
  run.phase = Run::Phase::kWaiting;
  waiting_[run.work_id] = &run;
  run.due_ms = now_ms + static_cast<std::int64_t>(delay * 1000.0);
  commands_.start_timers.push_back({run.work_id, run.due_ms});
}

void Execution::child_done(Run& child, std::int64_t now_ms) {
  Run& parent = *child.parent;
  Fanout& f = *parent.fanout;
  if (f.over) return;
  const State& st = parent.current();
  --f.running;
  ++f.finished;
  if (!child.failure) {
    f.results[child.index] = child.output;
    if (f.is_map && !st.distributed) {
      if (recording()) {
        emit(&child, "MapIterationSucceeded", boost::json::object{{"index", child.index}, {"name", st.name}}, now_ms);
      } else {
        emit(&child, "MapIterationSucceeded", {}, now_ms);
      }
    }
  } else {
    Failure failure = *child.failure;
    if (f.is_map) {
      if (st.distributed) {
      } else if (recording()) {
        emit(&child, "MapIterationFailed", boost::json::object{{"index", child.index}, {"name", st.name}}, now_ms);
      } else {
        emit(&child, "MapIterationFailed", {}, now_ms);
      }
      ++f.failed;
      bool tolerated = false;
      if (catchable(failure) && (f.tolerated_count || f.tolerated_percentage)) {
        std::size_t total = f.items->get_array().size();
        tolerated = (!f.tolerated_count || static_cast<std::int64_t>(f.failed) <= *f.tolerated_count) &&
                    (!f.tolerated_percentage || 100.0 * static_cast<double>(f.failed) / static_cast<double>(total) <= *f.tolerated_percentage);
        if (!tolerated) {
          failure = Failure{"States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded"};
        }
      }
      if (tolerated) {
        f.results[child.index] = make_json(boost::json::object{{"Error", failure.error}, {"Cause", failure.cause}});
      } else {
        f.over = true;
        parent.last_event_id = child.last_event_id;
        for (auto& other : f.children) {
          if (other.get() != &child && other->phase != Run::Phase::kDone) cancel_run(*other);
        }
        if (parent.current().distributed) emit(&parent, "MapRunFailed", {}, now_ms);
        parent.fanout_failed = true;
        return state_failed(parent, std::move(failure), now_ms);
      }
    } else {
      f.over = true;
      parent.last_event_id = child.last_event_id;
      for (auto& other : f.children) {
        if (other.get() != &child && other->phase != Run::Phase::kDone) cancel_run(*other);
      }
      parent.fanout_failed = true;
      return state_failed(parent, std::move(failure), now_ms);
    }
  }
  parent.last_event_id = child.last_event_id;
  if (f.is_map) start_map_iterations(parent, now_ms);
  if (!f.over && f.finished == f.results.size()) complete_fanout(parent, now_ms);
}

void Execution::complete_fanout(Run& run, std::int64_t now_ms) {
  Fanout& f = *run.fanout;
  f.over = true;
  boost::json::array results;
  results.reserve(f.results.size());
  for (const auto& r : f.results) results.push_back(r ? *r : Json());
  if (f.is_map && run.current().distributed) emit(&run, "MapRunSucceeded", {}, now_ms);
  emit(&run, f.is_map ? "MapStateSucceeded" : "ParallelStateSucceeded", {}, now_ms);
  finish_state(run, make_json(std::move(results)), true, now_ms);
}

void Execution::cancel_run(Run& run) {
  run.cancelled = true;
  run.phase = Run::Phase::kDone;
  std::erase(ready_, &run);
  if (run.work_id != 0 && waiting_.erase(run.work_id) > 0) {
    if (run.waiting == Run::Waiting::kTask) {
      commands_.cancel_tasks.push_back(run.work_id);
    } else {
      commands_.cancel_timers.push_back(run.work_id);
    }
  }
  if (run.fanout) {
    run.fanout->over = true;
    for (auto& child : run.fanout->children) {
      if (child->phase != Run::Phase::kDone) cancel_run(*child);
    }
  }
}

void Execution::task_started(std::int64_t task_id, std::int64_t now_ms, std::string_view worker_name) {
  auto it = waiting_.find(task_id);
  if (it == waiting_.end() || status_ != ExecutionStatus::kRunning) return;
  Run& run = *it->second;
  if (run.task) {
    if (run.task->started) return;
    run.task->started = true;
  }
  if (recording() && is_activity(run.current().resource)) {
    boost::json::object details;
    if (!worker_name.empty()) details["workerName"] = worker_name;
    emit(&run, "ActivityStarted", std::move(details), now_ms);
  } else if (recording()) {
    auto [type, resource] = split_resource(run.current().resource);
    emit(&run, "TaskStarted", boost::json::object{{"resourceType", type}, {"resource", resource}}, now_ms);
  }
}

std::string Execution::new_task_token() {
  // Opaque, unguessable when a random source is given (the engine always gives one).
  std::uint64_t a = random_ != nullptr ? random_->next() : static_cast<std::uint64_t>(next_work_id_) * 0x9E3779B97F4A7C15ULL;
  std::uint64_t b = random_ != nullptr ? random_->next() : static_cast<std::uint64_t>(next_event_id_);
  std::uint64_t c = random_ != nullptr ? random_->next() : 0;
  return fmt::format("AQCE{:016x}{:016x}{:016x}", a, b, c);
}

void Execution::task_submitted(std::int64_t task_id, JsonPtr output, std::int64_t now_ms) {
  auto it = waiting_.find(task_id);
  if (it == waiting_.end() || status_ != ExecutionStatus::kRunning) return;
  Run& run = *it->second;
  if (!output) output = json_null();
  if (run.task) run.task->submitted = output;  // kept in the snapshot: a restart re-attaches
  if (recording()) {
    auto [type, resource] = split_resource(run.current().resource);
    auto details = io_details("output", output);
    details["resourceType"] = type;
    details["resource"] = resource;
    emit(&run, "TaskSubmitted", std::move(details), now_ms);
  }
}

void Execution::task_succeeded(std::int64_t task_id, JsonPtr output, std::int64_t now_ms) {
  auto it = waiting_.find(task_id);
  if (it == waiting_.end() || status_ != ExecutionStatus::kRunning) return;
  Run& run = *it->second;
  waiting_.erase(it);
  run.work_id = 0;
  if (!output) output = json_null();
  if (recording() && is_activity(run.current().resource)) {
    emit(&run, "ActivitySucceeded", io_details("output", output), now_ms);
  } else if (recording()) {
    auto [type, resource] = split_resource(run.current().resource);
    auto details = io_details("output", output);
    details["resourceType"] = type;
    details["resource"] = resource;
    emit(&run, "TaskSucceeded", std::move(details), now_ms);
  }
  finish_state(run, output, true, now_ms);
  pump(now_ms);
}

void Execution::task_failed(std::int64_t task_id, Failure failure, std::int64_t now_ms) {
  auto it = waiting_.find(task_id);
  if (it == waiting_.end() || status_ != ExecutionStatus::kRunning) return;
  Run& run = *it->second;
  waiting_.erase(it);
  run.work_id = 0;
  if (recording()) {
    bool activity = is_activity(run.current().resource);
    boost::json::object details;
    if (!activity) {
      auto [type, resource] = split_resource(run.current().resource);
      details["resourceType"] = type;
      details["resource"] = resource;
    }
    if (!failure.error.empty()) details["error"] = failure.error;
    if (!failure.cause.empty()) details["cause"] = failure.cause;
    bool timed_out = failure.error == "States.Timeout";
    emit(&run, activity ? (timed_out ? "ActivityTimedOut" : "ActivityFailed") : (timed_out ? "TaskTimedOut" : "TaskFailed"),
         std::move(details), now_ms);
  }
  state_failed(run, std::move(failure), now_ms);
  pump(now_ms);
}

void Execution::timer_fired(std::int64_t timer_id, std::int64_t now_ms) {
  auto it = waiting_.find(timer_id);
  if (it == waiting_.end() || status_ != ExecutionStatus::kRunning) return;
  Run& run = *it->second;
  waiting_.erase(it);
  run.work_id = 0;
  if (run.waiting == Run::Waiting::kWaitTimer) {
    finish_state(run, run.effective, false, now_ms);
  } else {  // retry: the state runs again, without a second Entered event
    run.waiting = Run::Waiting::kNone;
    run.phase = Run::Phase::kReady;
    run.needs_enter = false;
    ready_.push_back(&run);
  }
  pump(now_ms);
}

void Execution::abort(std::optional<std::string> error, std::optional<std::string> cause, std::int64_t now_ms) {
  if (status_ != ExecutionStatus::kRunning) return;
  if (root_) cancel_run(*root_);
  if (recording()) {
    boost::json::object details;
    if (error) details["error"] = *error;
    if (cause) details["cause"] = *cause;
    emit(nullptr, "ExecutionAborted", std::move(details), now_ms);
  }
  failure_ = Failure{error.value_or(""), cause.value_or("")};
  finish_execution(ExecutionStatus::kAborted, now_ms);
}

void Execution::time_out(std::int64_t now_ms) {
  if (status_ != ExecutionStatus::kRunning) return;
  if (root_) cancel_run(*root_);
  failure_ = Failure{"States.Timeout", ""};
  if (recording()) {
    emit(nullptr, "ExecutionTimedOut", boost::json::object{{"error", "States.Timeout"}}, now_ms);
  }
  finish_execution(ExecutionStatus::kTimedOut, now_ms);
}

// Makes a run that failed or was cancelled run again: a Parallel or Map state that failed
// because of its branches or iterations keeps those that succeeded and runs the others again;
// any other state is entered again. Returns false when the run has nothing to redo.
bool Execution::rearm(Run& run, std::int64_t now_ms) {
  bool failed = run.failure.has_value() || run.cancelled;
  if (run.phase == Run::Phase::kDone && !failed) return false;  // it succeeded: keep its output
  run.cancelled = false;
  run.failure.reset();
  run.work_id = 0;
  run.task.reset();
  const State& st = run.current();
  if (run.fanout && (st.type == StateType::kParallel || st.type == StateType::kMap)) {
    Fanout& f = *run.fanout;
    f.over = false;
    f.running = 0;
    f.failed = 0;
    f.finished = 0;
    for (auto& child : f.children) {
      if (rearm(*child, now_ms)) {
        ++f.running;
      } else {
        ++f.finished;
      }
    }
    run.phase = Run::Phase::kWaiting;
    run.waiting = Run::Waiting::kChildren;
    run.needs_enter = false;
    if (f.is_map) start_map_iterations(run, now_ms);  // the iterations never started
    if (f.finished == f.results.size()) complete_fanout(run, now_ms);
    return true;
  }
  retire_fanout(run);
  run.phase = Run::Phase::kReady;
  run.waiting = Run::Waiting::kNone;
  run.needs_enter = true;
  ready_.push_back(&run);
  return true;
}

bool Execution::redrive(std::int64_t now_ms) {
  if (status_ != ExecutionStatus::kFailed && status_ != ExecutionStatus::kAborted &&
      status_ != ExecutionStatus::kTimedOut) {
    return false;
  }
  if (!root_) return false;
  status_ = ExecutionStatus::kRunning;
  failure_.reset();
  output_.reset();
  ++info_.redrive_count;
  execution_context_.reset();  // RedriveCount changed
  Run& run = *root_;
  if (recording()) {
    emit(&run, "ExecutionRedriven", boost::json::object{{"redriveCount", info_.redrive_count}}, now_ms);
  } else {
    run.last_event_id = next_event_id_++;
  }
  run.failure = Failure{};  // the root run is redone even if it ended by an abort mid-flight
  rearm(run, now_ms);
  pump(now_ms);
  return true;
}

void Execution::history_full(std::int64_t now_ms) {
  failure_ = Failure{"States.Runtime",
                     fmt::format("The execution reached the maximum number of history events ({}).",
                                 info_.max_history_events)};
  if (root_) cancel_run(*root_);
  emit_event(sink_, next_event_id_, next_event_id_ - 1, "ExecutionFailed", now_ms, [&] {
    return boost::json::object{{"error", failure_->error}, {"cause", failure_->cause}};
  });
  finish_execution(ExecutionStatus::kFailed, now_ms);
}

void Execution::finish_execution(ExecutionStatus status, std::int64_t now_ms) {
  if (status_ != ExecutionStatus::kRunning) return;  // the first end wins (e.g. the history limit)
  status_ = status;
  ready_.clear();
  for (auto& [id, run] : waiting_) {
    if (run->waiting == Run::Waiting::kTask) {
      commands_.cancel_tasks.push_back(id);
    } else {
      commands_.cancel_timers.push_back(id);
    }
  }
  waiting_.clear();
}

}  // namespace jobflow::asl
