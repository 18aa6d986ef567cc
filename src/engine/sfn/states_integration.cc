#include "engine/sfn/states_integration.h"

#include "base/json_parse.h"

#include <boost/json.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

#include "asl/value/json.h"
#include "engine/sfn/sdk_metadata.h"

namespace jobflow::engine::sfn {
namespace {

constexpr std::string_view kResource = "arn:aws:states:::states:startExecution";

using boost::json::object;

enum class Mode { kPlain, kSync, kSync2, kToken };

std::optional<Mode> mode_of(std::string_view resource) {
  if (!resource.starts_with(kResource)) return std::nullopt;
  auto suffix = resource.substr(kResource.size());
  if (suffix.empty()) return Mode::kPlain;
  if (suffix == ".sync") return Mode::kSync;
  if (suffix == ".sync:2") return Mode::kSync2;
  if (suffix == ".waitForTaskToken") return Mode::kToken;
  return std::nullopt;
}

std::string text_member(const asl::Json& value, std::string_view key) {
  if (!value.is_object()) return {};
  auto it = value.get_object().find(key);
  if (it == value.get_object().end() || !it->value().is_string()) return {};
  return std::string(it->value().get_string());
}

bool ended(model::ExecutionStatus status) { return status != model::ExecutionStatus::kRunning; }

}  // namespace

StatesIntegration::StatesIntegration(ExecutionService& executions, TaskTokenRegistry& tokens, const Clock& clock,
                                     ErrorType error_type)
    : executions_(executions), tokens_(tokens), clock_(clock), error_type_(std::move(error_type)) {
  executions_.add_listener([this](const model::Execution& execution) { on_execution_ended(execution); });
}

bool StatesIntegration::handles(std::string_view resource) const { return mode_of(resource).has_value(); }

boost::json::object StatesIntegration::describe_shape(const model::Execution& e, bool parse_output) {
  object out;
  out["ExecutionArn"] = e.arn;
  out["Input"] = e.input;
  out["InputDetails"] = object{{"Included", true}};
  out["Name"] = e.name;
  if (e.output) {
    if (parse_output) {
      boost::system::error_code ec;
      auto parsed = parse_json_exact(*e.output, ec);
      out["Output"] = ec ? boost::json::value(*e.output) : std::move(parsed);
    } else {
      out["Output"] = *e.output;
    }
    out["OutputDetails"] = object{{"Included", true}};
  }
  if (e.error) out["Error"] = *e.error;
  if (e.cause) out["Cause"] = *e.cause;
  out["RedriveCount"] = e.redrive_count;
  out["RedriveStatus"] = "NOT_REDRIVABLE";
  out["StartDate"] = e.start_ms;
  out["StateMachineArn"] = e.state_machine_arn;
  out["Status"] = std::string(model::kExecutionStatuses.name(e.status));
  if (e.stop_ms != 0) out["StopDate"] = e.stop_ms;
  if (e.version_arn) out["StateMachineVersionArn"] = *e.version_arn;
  if (e.alias_arn) out["StateMachineAliasArn"] = *e.alias_arn;
  return out;
}

asl::Failure StatesIntegration::start_failure(const Error& error, const std::string& request_id) const {
  std::string type = error_type_ ? error_type_(error) : std::string("ValidationException");
  std::string exception = type.ends_with("Exception") ? type : type + "Exception";
  return asl::Failure{"StepFunctions." + exception,
                      fmt::format("{} (Service: AWSStepFunctions; Status Code: 400; Error Code: {}; Request ID: {}; "
                                  "Proxy: null)",
                                  error.message, type, request_id)};
}

void StatesIntegration::start(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks) {
  const Mode mode = *mode_of(task.resource);
  const bool sync = mode == Mode::kSync || mode == Mode::kSync2;
  const std::string request_id =
      fmt::format("{}-{}", context.execution_arn.substr(context.execution_arn.rfind(':') + 1), task.id);

  // Re-attaching after a restart: the child was started before; only the wait is left.
  if (task.submitted) {
    if (mode == Mode::kToken) return tokens_.add(context, task, std::move(callbacks));
    if (sync) {
      return wait(text_member(*task.submitted, "ExecutionArn"),
                  Waiter{context.execution_arn, task.id, mode == Mode::kSync2, std::move(callbacks)}, true);
    }
  }

  const asl::Json& parameters = task.parameters ? *task.parameters : asl::Json();
  if (!parameters.is_object()) {
    return callbacks.failed(asl::Failure{"States.Runtime", "The parameters of a states:startExecution task must be a JSON object."});
  }
  const auto& p = parameters.get_object();
  StartExecutionRequest request;
  request.state_machine_arn = text_member(parameters, "StateMachineArn");
  if (auto it = p.find("Input"); it != p.end() && !it->value().is_null()) {
    request.input = it->value().is_string() ? std::string(it->value().get_string()) : asl::to_text(it->value());
  }
  if (auto it = p.find("Name"); it != p.end() && it->value().is_string()) request.name = std::string(it->value().get_string());

  // The token must be known before the child runs: it may call SendTaskSuccess at once.
  if (mode == Mode::kToken) tokens_.add(context, task, callbacks);
  auto started = executions_.start(context.region, context.account, std::move(request));
  if (!started) {
    if (mode == Mode::kToken) tokens_.cancel(context.execution_arn, task.id);
    return callbacks.failed(start_failure(started.error(), request_id));
  }
  // The plain answer, as StartExecution's response reads in the Java SDK.
  object response{{"executionArn", started->execution_arn},
                  {"startDate", static_cast<double>(started->start_ms) / 1000.0}};
  object output{{"ExecutionArn", started->execution_arn},
                {"SdkHttpMetadata", sdk_metadata(request_id, boost::json::serialize(response).size(), clock_.now_ms(), "application/x-amz-json-1.0")},
                {"SdkResponseMetadata", object{{"RequestId", request_id}}},
                {"StartDate", started->start_ms}};
  auto answer = asl::make_json(boost::json::value(std::move(output)));
  switch (mode) {
    case Mode::kPlain:
      return callbacks.succeeded(answer);
    case Mode::kToken:
      return callbacks.submitted(answer);
    case Mode::kSync:
    case Mode::kSync2:
      callbacks.submitted(answer);
      return wait(started->execution_arn,
                  Waiter{context.execution_arn, task.id, mode == Mode::kSync2, std::move(callbacks)}, false);
  }
}

void StatesIntegration::wait(const std::string& child_arn, Waiter waiter, bool reattach) {
  std::optional<model::Execution> done;
  {
    std::lock_guard lock(mutex_);
    if (auto it = recently_ended_.find(child_arn); it != recently_ended_.end()) {
      done = it->second;
    } else {
      waiters_[child_arn].push_back(waiter);
    }
  }
  if (done) return settle(*done, waiter);
  if (!reattach) return;
  // After a restart the child may have ended while the server was down: ask the store.
  auto described = executions_.describe(child_arn);
  if (described && !ended(described->status)) return;  // the listener will tell
  std::vector<Waiter> mine;
  {
    std::lock_guard lock(mutex_);
    auto it = waiters_.find(child_arn);
    if (it == waiters_.end()) return;  // the listener got there first
    std::erase_if(it->second, [&](Waiter& w) {
      if (w.parent_arn != waiter.parent_arn || w.task_id != waiter.task_id) return false;
      mine.push_back(std::move(w));
      return true;
    });
    if (it->second.empty()) waiters_.erase(it);
  }
  for (auto& w : mine) {
    if (described) {
      settle(*described, w);
    } else {  // e.g. an Express child: it lived in memory and is gone
      w.callbacks.failed(asl::Failure{"States.TaskFailed", described.error().message});
    }
  }
}

void StatesIntegration::on_execution_ended(const model::Execution& execution) {
  std::vector<Waiter> waiting;
  {
    std::lock_guard lock(mutex_);
    if (recently_ended_.emplace(execution.arn, execution).second) {
      recently_ended_order_.push_back(execution.arn);
      while (recently_ended_order_.size() > kMaxRecentlyEnded) {
        recently_ended_.erase(recently_ended_order_.front());
        recently_ended_order_.pop_front();
      }
    }
    auto it = waiters_.find(execution.arn);
    if (it == waiters_.end()) return;
    waiting = std::move(it->second);
    waiters_.erase(it);
  }
  for (auto& w : waiting) settle(execution, w);
}

void StatesIntegration::settle(const model::Execution& child, Waiter& waiter) const {
  object described = describe_shape(child, waiter.parse_output);
  if (child.status == model::ExecutionStatus::kSucceeded) {
    return waiter.callbacks.succeeded(asl::make_json(boost::json::value(std::move(described))));
  }
  // sfn.md §7.4 [fact]: the child's error, and its DescribeExecution as the cause.
  std::string error = child.error.value_or("");
  if (error.empty()) error = "States.TaskFailed";
  waiter.callbacks.failed(asl::Failure{error, boost::json::serialize(described)});
}

void StatesIntegration::cancel(const TaskContext& context, std::int64_t task_id) {
  {
    std::lock_guard lock(mutex_);
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      std::erase_if(it->second, [&](const Waiter& w) {
        return w.task_id == task_id && w.parent_arn == context.execution_arn;
      });
      it = it->second.empty() ? waiters_.erase(it) : std::next(it);
    }
  }
  tokens_.cancel(context.execution_arn, task_id);
}

}  // namespace jobflow::engine::sfn
