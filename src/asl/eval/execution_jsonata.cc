// Execution in JSONata mode (QueryLanguage "JSONata"): the states' fields are evaluated as
// JSONata over $states and the variables; the steps that follow (timers, tasks, branches,
// iterations, Retry and Catch) are the ones execution.cc takes in both modes.

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "asl/eval/execution.h"
#include "asl/eval/execution_runs.h"
#include "asl/jsonata/query_evaluation_error.h"
#include "asl/value/timestamp.h"

namespace jobflow::asl {
namespace {

// A JSONata number that is a whole number in int64's range (JSONata's numbers are doubles: `{% 2 %}`
// may arrive as 2.0).
std::optional<std::int64_t> whole_number(const Json& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) {
    if (value.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(value.get_uint64());
  }
  if (value.is_double()) {
    double d = value.get_double();
    if (std::trunc(d) != d || std::fabs(d) >= 9.2e18) return std::nullopt;
    return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}


}  // namespace

JsonataBindings Execution::jsonata_bindings(Run& run, JsonPtr input) {
  JsonataBindings bindings;
  bindings.input = std::move(input);
  if (run.current().uses_context) bindings.context = context_for(run);
  bindings.variables = run.variables.get();
  bindings.random = random_;
  return bindings;
}

void Execution::evaluation_failed(Run& run, Failure failure, std::int64_t now_ms, bool final) {
  failure = in_state(run, std::move(failure));
  if (failure.error == QueryEvaluationError::kName && recording()) {
    boost::json::object details{{"cause", failure.cause}, {"error", failure.error}};
    if (!failure.location.empty()) details["location"] = failure.location;
    details["state"] = run.current().name;
    emit(&run, "EvaluationFailed", std::move(details), now_ms);
  }
  if (final) {
    emit_fanout_failed(run, now_ms);
    return run_failed(run, std::move(failure), now_ms);
  }
  state_failed(run, std::move(failure), now_ms);
}

void Execution::execute_jsonata(Run& run, std::int64_t now_ms) {
  const State& st = run.current();
  const JsonataFields& fields = *st.jsonata;
  run.effective = run.input;  // no InputPath in JSONata: $states.input is the raw input
  Inspection* inspection = inspected(run) ? inspection_ : nullptr;
  // A literal field or "{% %}": its value over $states.input and the variables.
  auto value_of = [&](const JsonataTemplate& field) { return field.evaluate(jsonata_bindings(run, run.input)); };
  // Task and Parallel: what Arguments gives, else the input [infer].
  auto arguments_or_input = [&]() -> Outcome<JsonPtr> {
    if (!fields.arguments) return run.input;
    auto value = value_of(*fields.arguments);
    if (value && inspection != nullptr) inspection->after_arguments = *value;
    return value;
  };
  // A positive whole number (TimeoutSeconds, HeartbeatSeconds) from an expression.
  auto positive = [&](const std::optional<JsonataTemplate>& field, std::optional<std::int64_t>& slot) -> Outcome<void> {
    if (!field) return {};
    auto value = value_of(*field);
    if (!value) return std::unexpected(std::move(value.error()));
    auto n = whole_number(**value);
    if (!n || *n <= 0) {
      return std::unexpected(QueryEvaluationError::invalid_value(field->field_name(), fmt::format(
          "The {} field refers to value \"{}\" which is not a valid positive integer", field->field_name(), shown_in_cause(**value))));
    }
    slot = *n;
    return {};
  };

  switch (st.type) {
    case StateType::kPass:
    case StateType::kSucceed:
      return finish_state(run, run.input, false, now_ms);
    case StateType::kChoice:
      return choose_jsonata(run, now_ms);
    case StateType::kWait: {
      auto literal = literal_wait_due(st, now_ms);
      if (!literal) return state_failed(run, in_state(run, literal.error()), now_ms);
      if (*literal) return start_wait(run, **literal, now_ms);
      std::int64_t due = now_ms;
      if (fields.seconds) {
        auto value = value_of(*fields.seconds);
        if (!value) return evaluation_failed(run, std::move(value.error()), now_ms);
        auto seconds = whole_number(**value);
        if (!seconds) {
          return evaluation_failed(run, QueryEvaluationError::invalid_value("Seconds", fmt::format(
              "The Seconds field cannot be parsed as a long value: {}", shown_in_cause(**value))), now_ms);
        }
        if (*seconds < 0) {
          return evaluation_failed(run, QueryEvaluationError::invalid_value("Seconds", fmt::format(
              "The Seconds field references a negative value: {}", *seconds)), now_ms);
        }
        if (*seconds > std::numeric_limits<std::int64_t>::max() / 1000 - now_ms / 1000) {
          return state_failed(run, in_state(run, Failure::runtime("Wait state delay is too long.")), now_ms);
        }
        due = now_ms + *seconds * 1000;
      } else if (fields.timestamp) {
        auto value = value_of(*fields.timestamp);
        if (!value) return evaluation_failed(run, std::move(value.error()), now_ms);
        std::optional<std::int64_t> at;
        if ((*value)->is_string()) at = parse_offset_timestamp(std::string_view((*value)->get_string()));
        if (!at) {
          return evaluation_failed(run, QueryEvaluationError::invalid_value("Timestamp", fmt::format(
              "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {}",
              shown_in_cause(**value))), now_ms);
        }
        due = *at;
      }
      return start_wait(run, due, now_ms);
    }
    case StateType::kFail: {
      auto text_of_field = [&](const DynamicValue& literal,
                               const std::optional<JsonataTemplate>& expression) -> Outcome<std::string> {
        if (!expression) return literal.literal.value_or("");
        auto value = value_of(*expression);
        if (!value) return std::unexpected(std::move(value.error()));
        return shown_in_cause(**value);
      };
      auto error = text_of_field(st.error, fields.error);
      if (!error) return evaluation_failed(run, std::move(error.error()), now_ms);
      auto cause = text_of_field(st.cause, fields.cause);
      if (!cause) return evaluation_failed(run, std::move(cause.error()), now_ms);
      return run_failed(run, Failure{std::move(*error), std::move(*cause)}, now_ms);
    }
    case StateType::kTask: {
      issue_task_token(run);
      auto arguments = arguments_or_input();
      if (!arguments) return evaluation_failed(run, std::move(arguments.error()), now_ms);
      TaskRequest task = new_task(run, *arguments);
      if (auto ok = positive(fields.timeout_seconds, task.timeout_seconds); !ok) {
        return evaluation_failed(run, std::move(ok.error()), now_ms);
      }
      if (auto ok = positive(fields.heartbeat_seconds, task.heartbeat_seconds); !ok) {
        return evaluation_failed(run, std::move(ok.error()), now_ms);
      }
      return schedule_task(run, std::move(task), now_ms);
    }
    case StateType::kParallel: {
      auto input = arguments_or_input();
      if (!input) return evaluation_failed(run, std::move(input.error()), now_ms);
      return start_parallel(run, *input, now_ms);
    }
    case StateType::kMap:
      return execute_jsonata_map(run, now_ms);
  }
}

void Execution::execute_jsonata_map(Run& run, std::int64_t now_ms) {
  const State& st = run.current();
  const JsonataFields& fields = *st.jsonata;
  auto value_of = [&](const JsonataTemplate& field) { return field.evaluate(jsonata_bindings(run, run.input)); };
  // A failure of the Map's own fields ends with MapStateFailed, before or after MapStateStarted
  // (recorded for Items: scenarios/test_map_state_items_input_types_*; the other fields: infer).
  auto fail = [&](Failure failure) {
    run.fanout_failed = true;
    evaluation_failed(run, std::move(failure), now_ms);
  };
  JsonPtr items = run.input;
  if (fields.items) {
    auto value = value_of(*fields.items);
    if (!value) return fail(std::move(value.error()));
    items = *value;
    if (!items->is_array()) {
      return fail(QueryEvaluationError::unexpected_result_type(fields.items->expression_text().value_or(""), "Items",
                                                               "array", *items));
    }
  }
  if (!items->is_array()) {
    return fail(QueryEvaluationError::of_state("Map state input must be an array but was: " + to_text(*items)));
  }
  // A whole number from a literal or an expression, with AWS's bounds.
  auto number = [&](const std::optional<JsonataTemplate>& field) -> Outcome<std::optional<double>> {
    if (!field) return std::optional<double>();
    auto value = value_of(*field);
    if (!value) return std::unexpected(std::move(value.error()));
    if (!(*value)->is_number()) {
      return std::unexpected(QueryEvaluationError::unexpected_result_type(field->expression_text().value_or(""),
                                                                          field->field_name(), "number", **value));
    }
    return std::optional<double>((*value)->to_number<double>());
  };
  auto whole = [&](const std::optional<JsonataTemplate>& field) -> Outcome<std::optional<std::int64_t>> {
    auto value = number(field);
    if (!value) return std::unexpected(std::move(value.error()));
    if (!*value) return std::optional<std::int64_t>();
    double d = **value;
    if (std::trunc(d) != d || std::fabs(d) >= 9.2e18) {
      return std::unexpected(QueryEvaluationError::invalid_value(field->field_name(), fmt::format(
          "The {} field refers to value \"{}\" which is not a valid integer", field->field_name(), to_text(Json(d)))));
    }
    return std::optional<std::int64_t>(static_cast<std::int64_t>(d));
  };

  std::int64_t max_concurrency = st.max_concurrency;
  auto concurrency = whole(fields.max_concurrency);
  if (!concurrency) return fail(std::move(concurrency.error()));
  if (*concurrency) max_concurrency = **concurrency;
  if (max_concurrency < 0) return park(run);
  auto fanout = open_map(run, items, run.input, max_concurrency, now_ms);
  auto count = whole(fields.tolerated_failure_count);
  if (!count) return fail(std::move(count.error()));
  if (*count) {
    if (**count < 0) return fail(Failure::runtime("ToleratedFailureCount cannot be negative."));
    fanout->tolerated_count = **count;
  }
  auto percentage = number(fields.tolerated_failure_percentage);
  if (!percentage) return fail(std::move(percentage.error()));
  if (*percentage) {
    if (**percentage < 0 || **percentage > 100) return fail(Failure::runtime("ToleratedFailurePercentage must be between 0 and 100."));
    fanout->tolerated_percentage = **percentage;
  }
  launch_map(run, std::move(fanout), now_ms);
}

void Execution::choose_jsonata(Run& run, std::int64_t now_ms) {
  const State& st = run.current();
  const JsonataFields& fields = *st.jsonata;
  JsonataBindings bindings = jsonata_bindings(run, run.input);
  int next = -1;
  const std::optional<JsonataTemplate>* assign = nullptr;
  const std::optional<JsonataTemplate>* output = nullptr;
  for (std::size_t i = 0; i < fields.choices.size() && next < 0; ++i) {
    const JsonataChoice& rule = fields.choices[i];
    auto value = rule.condition.evaluate(bindings);
    if (!value) return evaluation_failed(run, std::move(value.error()), now_ms);
    if (!(*value)->is_bool()) {
      return evaluation_failed(run, QueryEvaluationError::unexpected_result_type(
          rule.condition.expression_text().value_or(""), "Condition", "boolean", **value), now_ms);
    }
    if ((*value)->get_bool()) {
      next = st.choice_next[i];
      assign = &rule.assign;
      output = &rule.output;
    }
  }
  if (next < 0) {
    if (st.default_next < 0) {
      return state_failed(run, Failure{"States.NoChoiceMatched", fmt::format("No Matches! at state '{}'", st.name)}, now_ms);
    }
    // The state's own Assign and Output go with the Default only [doc].
    next = st.default_next;
    assign = &fields.assign;
    output = &fields.output;
  }
  JsonPtr assigned;
  if (*assign) {
    auto value = (*assign)->evaluate(bindings);
    if (!value) return evaluation_failed(run, std::move(value.error()), now_ms);
    assigned = *value;
  }
  JsonPtr out = run.input;
  if (*output) {
    auto value = (*output)->evaluate(bindings);
    if (!value) return evaluation_failed(run, std::move(value.error()), now_ms);
    out = *value;
  }
  state_exited(run, assigned, out, now_ms);
  transition(run, out, next, now_ms);
}

void Execution::finish_jsonata_state(Run& run, const JsonPtr& value, bool is_result, std::int64_t now_ms) {
  const State& st = run.current();
  const JsonataFields& fields = *st.jsonata;
  if (inspected(run) && is_result) inspection_->result = value;
  if (is_result) {
    if (auto too_large = payload_too_large(run, value)) return run_failed(run, std::move(*too_large), now_ms);
  }
  // Assign and Output both see $states.result and the variables as they were when the state was
  // entered; the assignments take effect from the next state on.
  JsonataBindings bindings = jsonata_bindings(run, run.input);
  if (is_result) bindings.result = value;
  JsonPtr assigned;
  if (fields.assign) {
    auto evaluated = fields.assign->evaluate(bindings);
    if (!evaluated) return evaluation_failed(run, std::move(evaluated.error()), now_ms);
    assigned = *evaluated;
  }
  // Output's default: the result of a Task, Parallel or Map, the input of the others.
  JsonPtr output = value;
  if (fields.output) {
    auto evaluated = fields.output->evaluate(bindings);
    if (!evaluated) return evaluation_failed(run, std::move(evaluated.error()), now_ms);
    output = *evaluated;
  }
  state_exited(run, assigned, output, now_ms);
  transition(run, output, st.end ? -1 : st.next, now_ms);
}

Outcome<JsonPtr> Execution::jsonata_item_input(Run& parent, std::size_t index, const JsonPtr& item) {
  const std::optional<JsonataTemplate>& selector = parent.current().jsonata->item_selector;
  if (!selector) return item;
  // $states.input is the Map state's input; $states.context.Map.Item the item and its index.
  JsonataBindings bindings = jsonata_bindings(parent, parent.fanout->selector_input);
  if (bindings.context) {  // only when the state mentions the context: it copies the execution input
    boost::json::object context = bindings.context->as_object();
    context["Map"] = boost::json::object{{"Item", boost::json::object{{"Index", index}, {"Value", *item}}}};
    bindings.context = make_json(std::move(context));
  }
  return selector->evaluate(bindings);
}

Outcome<std::pair<JsonPtr, JsonPtr>> Execution::jsonata_catcher(Run& run, const Catcher& catcher,
                                                                const JsonPtr& error_output) {
  JsonataBindings bindings = jsonata_bindings(run, run.input);
  bindings.error_output = error_output;
  JsonPtr assigned;
  if (catcher.jsonata_assign) {
    auto value = catcher.jsonata_assign->evaluate(bindings);
    if (!value) return std::unexpected(std::move(value.error()));
    assigned = *value;
  }
  JsonPtr output = error_output;
  if (catcher.jsonata_output) {
    auto value = catcher.jsonata_output->evaluate(bindings);
    if (!value) return std::unexpected(std::move(value.error()));
    output = *value;
  }
  return std::pair{assigned, output};
}

}  // namespace jobflow::asl
