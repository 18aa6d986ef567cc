#include <boost/json.hpp>

#include "asl/eval/execution.h"
#include "asl/eval/execution_runs.h"

namespace jobflow::asl {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value save_json(const JsonPtr& p) { return p ? *p : value(); }

object save_failure(const Failure& f) {
  object o{{"error", f.error}, {"cause", f.cause}};
  if (f.null_error) o["null_error"] = true;
  if (f.null_cause) o["null_cause"] = true;
  return o;
}

Failure load_failure(const value& v) {
  const auto& o = v.as_object();
  Failure f{std::string(o.at("error").as_string()), std::string(o.at("cause").as_string())};
  f.null_error = o.contains("null_error");
  f.null_cause = o.contains("null_cause");
  return f;
}

JsonPtr load_json(const object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return nullptr;
  return make_json(it->value());
}

}  // namespace

value Execution::save_run(const Run& run) const {
  object o;
  o["state"] = run.state;
  o["input"] = save_json(run.input);
  if (run.effective && run.effective != run.input) o["effective"] = save_json(run.effective);
  o["entered_event_id"] = run.entered_event_id;
  o["entered_ms"] = run.entered_ms;
  o["last_event_id"] = run.last_event_id;
  array attempts;
  for (auto a : run.attempts) attempts.push_back(a);
  o["attempts"] = std::move(attempts);
  o["phase"] = static_cast<int>(run.phase);
  o["waiting"] = static_cast<int>(run.waiting);
  o["needs_enter"] = run.needs_enter;
  o["work_id"] = run.work_id;
  o["due_ms"] = run.due_ms;
  if (run.task) {
    object t{{"id", run.task->id},
             {"state_name", run.task->state_name},
             {"resource", run.task->resource},
             {"parameters", save_json(run.task->parameters)}};
    if (run.task->timeout_seconds) t["timeout_seconds"] = *run.task->timeout_seconds;
    if (run.task->heartbeat_seconds) t["heartbeat_seconds"] = *run.task->heartbeat_seconds;
    if (run.task->submitted) t["submitted"] = save_json(run.task->submitted);
    if (!run.task->token.empty()) t["token"] = run.task->token;
    if (run.task->started) t["started"] = true;
    o["task"] = std::move(t);
  }
  o["index"] = run.index;
  if (run.phase == Run::Phase::kDone && run.output) o["output"] = save_json(run.output);
  if (run.failure) o["failure"] = save_failure(*run.failure);
  o["cancelled"] = run.cancelled;
  if (!run.task_token.empty()) o["task_token"] = run.task_token;
  object variables;
  if (run.variables) {
    for (const auto& [name, v] : run.variables->own()) variables[name] = save_json(v);
  }
  o["variables"] = std::move(variables);
  if (run.fanout) {
    const Fanout& f = *run.fanout;
    object fo{{"is_map", f.is_map},
              {"next", f.next},
              {"running", f.running},
              {"finished", f.finished},
              {"failed", f.failed},
              {"max_concurrency", f.max_concurrency},
              {"over", f.over}};
    if (f.tolerated_count) fo["tolerated_count"] = *f.tolerated_count;
    if (f.tolerated_percentage) fo["tolerated_percentage"] = *f.tolerated_percentage;
    if (f.items) fo["items"] = save_json(f.items);
    if (f.selector_input) fo["selector_input"] = save_json(f.selector_input);
    array results;
    for (const auto& r : f.results) results.push_back(r ? array{*r} : array{});  // [] = none yet
    fo["results"] = std::move(results);
    array children;
    for (const auto& c : f.children) children.push_back(save_run(*c));
    fo["children"] = std::move(children);
    o["fanout"] = std::move(fo);
  }
  return o;
}

value Execution::snapshot() const {
  object o;
  o["version"] = 1;
  o["status"] = static_cast<int>(status_);
  o["next_event_id"] = next_event_id_;
  o["next_work_id"] = next_work_id_;
  o["transitions"] = transitions_;
  o["redrive_count"] = info_.redrive_count;
  o["input"] = save_json(input_);
  if (output_) o["output"] = save_json(output_);
  if (failure_) o["failure"] = save_failure(*failure_);
  if (root_) o["root"] = save_run(*root_);
  return o;
}

std::expected<void, std::string> Execution::load_run(Run& run, const StateGraph& graph, const value& saved) {
  const auto& o = saved.as_object();
  run.graph = &graph;
  run.state = static_cast<int>(o.at("state").to_number<std::int64_t>());
  if (run.state < 0 || static_cast<std::size_t>(run.state) >= graph.states.size()) {
    return std::unexpected("the snapshot names a state the definition does not have");
  }
  run.input = load_json(o, "input");
  run.effective = o.contains("effective") ? load_json(o, "effective") : run.input;
  run.entered_event_id = o.at("entered_event_id").to_number<std::int64_t>();
  run.entered_ms = o.at("entered_ms").to_number<std::int64_t>();
  run.last_event_id = o.at("last_event_id").to_number<std::int64_t>();
  for (const auto& a : o.at("attempts").as_array()) run.attempts.push_back(a.to_number<std::int64_t>());
  run.phase = static_cast<Run::Phase>(o.at("phase").to_number<int>());
  run.waiting = static_cast<Run::Waiting>(o.at("waiting").to_number<int>());
  run.needs_enter = o.at("needs_enter").as_bool();
  run.work_id = o.at("work_id").to_number<std::int64_t>();
  run.due_ms = o.at("due_ms").to_number<std::int64_t>();
  if (auto it = o.find("task"); it != o.end()) {
    const auto& t = it->value().as_object();
    TaskRequest task;
    task.id = t.at("id").to_number<std::int64_t>();
    task.state_name = std::string(t.at("state_name").as_string());
    task.resource = std::string(t.at("resource").as_string());
    task.parameters = load_json(t, "parameters");
    if (t.contains("timeout_seconds")) task.timeout_seconds = t.at("timeout_seconds").to_number<std::int64_t>();
    if (t.contains("heartbeat_seconds")) task.heartbeat_seconds = t.at("heartbeat_seconds").to_number<std::int64_t>();
    task.submitted = load_json(t, "submitted");
    if (auto tok = t.find("token"); tok != t.end()) task.token = std::string(tok->value().as_string());
    task.started = t.contains("started");
    run.task = std::move(task);
  }
  run.index = o.at("index").to_number<std::size_t>();
  run.output = load_json(o, "output");
  if (auto it = o.find("failure"); it != o.end()) run.failure = load_failure(it->value());
  run.cancelled = o.at("cancelled").as_bool();
  if (auto tok = o.find("task_token"); tok != o.end()) run.task_token = std::string(tok->value().as_string());
  run.variables = std::make_shared<VariableScope>(run.parent ? run.parent->variables : nullptr);
  if (run.parent != nullptr && run.parent->current().type == StateType::kMap && run.parent->current().distributed) {
    run.variables = std::make_shared<VariableScope>();
  }
  for (const auto& member : o.at("variables").as_object()) {
    run.variables->assign(std::string(member.key()), make_json(member.value()));
  }
  if ((run.phase == Run::Phase::kWaiting) && run.work_id != 0 && run.waiting != Run::Waiting::kChildren) {
    waiting_[run.work_id] = &run;
  }
  if (auto it = o.find("fanout"); it != o.end()) {
    const auto& fo = it->value().as_object();
    const State& st = run.current();
    auto f = std::make_unique<Fanout>();
    f->is_map = fo.at("is_map").as_bool();
    f->next = fo.at("next").to_number<std::size_t>();
    f->running = fo.at("running").to_number<std::size_t>();
    f->finished = fo.at("finished").to_number<std::size_t>();
    f->failed = fo.at("failed").to_number<std::size_t>();
    f->max_concurrency = fo.at("max_concurrency").to_number<std::int64_t>();
    f->over = fo.at("over").as_bool();
    if (fo.contains("tolerated_count")) f->tolerated_count = fo.at("tolerated_count").to_number<std::int64_t>();
    if (fo.contains("tolerated_percentage")) f->tolerated_percentage = fo.at("tolerated_percentage").to_number<double>();
    f->items = load_json(fo, "items");
    f->selector_input = load_json(fo, "selector_input");
    for (const auto& r : fo.at("results").as_array()) {
      const auto& slot = r.as_array();
      f->results.push_back(slot.empty() ? nullptr : make_json(slot[0]));
    }
    run.fanout = std::move(f);
    for (const auto& c : fo.at("children").as_array()) {
      auto child = std::make_unique<Run>();
      child->parent = &run;
      std::size_t index = c.as_object().at("index").to_number<std::size_t>();
      const StateGraph* child_graph = nullptr;
      if (run.fanout->is_map) {
        child_graph = st.processor.get();
      } else if (index < st.branches.size()) {
        child_graph = st.branches[index].get();
      }
      if (child_graph == nullptr) return std::unexpected("the snapshot does not fit the definition's branches");
      if (auto loaded = load_run(*child, *child_graph, c); !loaded) return loaded;
      run.fanout->children.push_back(std::move(child));
    }
  }
  return {};
}

std::expected<std::unique_ptr<Execution>, std::string> Execution::restore(
    std::shared_ptr<const Program> program, ExecutionInfo info, HistorySink* sink, Random* random,
    const value& saved) {
  auto execution = std::make_unique<Execution>(program, std::move(info), sink, random);
  try {
    const auto& o = saved.as_object();
    if (o.at("version").to_number<int>() != 1) return std::unexpected("unknown snapshot version");
    execution->status_ = static_cast<ExecutionStatus>(o.at("status").to_number<int>());
    execution->next_event_id_ = o.at("next_event_id").to_number<std::int64_t>();
    execution->next_work_id_ = o.at("next_work_id").to_number<std::int64_t>();
    execution->transitions_ = o.at("transitions").to_number<std::int64_t>();
    if (o.contains("redrive_count")) execution->info_.redrive_count = o.at("redrive_count").to_number<std::int64_t>();
    execution->input_ = load_json(o, "input");
    execution->output_ = load_json(o, "output");
    if (auto it = o.find("failure"); it != o.end()) execution->failure_ = load_failure(it->value());
    if (auto it = o.find("root"); it != o.end()) {
      execution->root_ = std::make_unique<Run>();
      if (auto loaded = execution->load_run(*execution->root_, program->top, it->value()); !loaded) {
        return std::unexpected(loaded.error());
      }
    }
  } catch (const std::exception& e) {  // boost::json accessors on a damaged snapshot
    return std::unexpected(std::string("damaged snapshot: ") + e.what());
  }
  return execution;
}

std::vector<TaskRequest> Execution::pending_tasks() const {
  std::vector<TaskRequest> out;
  for (const auto& [id, run] : waiting_) {
    if (run->waiting == Run::Waiting::kTask && run->task) out.push_back(*run->task);
  }
  return out;
}

std::vector<TimerRequest> Execution::pending_timers() const {
  std::vector<TimerRequest> out;
  for (const auto& [id, run] : waiting_) {
    if (run->waiting == Run::Waiting::kWaitTimer || run->waiting == Run::Waiting::kRetryTimer) {
      out.push_back({id, run->due_ms});
    }
  }
  return out;
}

}  // namespace jobflow::asl
