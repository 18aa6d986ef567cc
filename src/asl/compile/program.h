#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/choice/choice_rule.h"
#include "asl/intrinsic/intrinsic.h"
#include "asl/jsonata/jsonata_template.h"
#include "asl/path/json_path.h"
#include "asl/path/reference_path.h"
#include "asl/template/payload_template.h"
#include "asl/value/json.h"

namespace jobflow::asl {

enum class StateType { kPass, kTask, kChoice, kWait, kSucceed, kFail, kParallel, kMap };

// "Pass", "Task", ... as in the definition and in event names ("PassStateEntered").
std::string_view state_type_name(StateType type);

// InputPath / OutputPath: absent means `$` (the value passes unchanged), null means `{}`.
struct IoPath {
  enum class Mode { kIdentity, kEmpty, kPath } mode = Mode::kIdentity;
  std::optional<JsonPath> path;
};

// ResultPath: absent means `$` (the result replaces the input), null discards the result.
struct ResultPathSpec {
  enum class Mode { kReplace, kDiscard, kPath } mode = Mode::kReplace;
  std::optional<ReferencePath> path;
};

// A value given either as a literal or through a path / intrinsic (Fail's Error vs ErrorPath,
// Wait's Seconds vs SecondsPath, ...).
struct DynamicValue {
  std::optional<std::string> literal;
  std::optional<JsonPath> path;
  std::optional<Intrinsic> intrinsic;
  bool present() const { return literal || path || intrinsic; }
};

struct Retrier {
  std::vector<std::string> errors;
  std::int64_t interval_seconds = 1;
  std::int64_t max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<std::int64_t> max_delay_seconds;
  bool full_jitter = false;
};

struct Catcher {
  std::vector<std::string> errors;
  int next = -1;
  ResultPathSpec result_path;
  std::optional<PayloadTemplate> assign;
  // JSONata mode: Output (default: the error output) and Assign, over $states.errorOutput.
  std::optional<JsonataTemplate> jsonata_output;
  std::optional<JsonataTemplate> jsonata_assign;
};

// A Choice rule of a JSONata state: {"Condition": "{% ... %}", "Next", "Assign"?, "Output"?}.
struct JsonataChoice {
  JsonataTemplate condition;
  std::optional<JsonataTemplate> output;
  std::optional<JsonataTemplate> assign;
};

// The fields of a state in JSONata mode (QueryLanguage "JSONata") that take the place of its
// paths and payload templates. A number or timestamp field written as a literal stays in State's
// own member (seconds, max_concurrency, ...); one written as "{% %}" is compiled here.
struct JsonataFields {
  std::optional<JsonataTemplate> arguments;  // Task, Parallel: Arguments
  std::optional<JsonataTemplate> item_selector;
  std::optional<JsonataTemplate> output;
  std::optional<JsonataTemplate> assign;
  std::optional<JsonataTemplate> items;
  std::optional<JsonataTemplate> seconds;
  std::optional<JsonataTemplate> timestamp;
  std::optional<JsonataTemplate> timeout_seconds;
  std::optional<JsonataTemplate> heartbeat_seconds;
  std::optional<JsonataTemplate> max_concurrency;
  std::optional<JsonataTemplate> tolerated_failure_count;
  std::optional<JsonataTemplate> tolerated_failure_percentage;
  std::optional<JsonataTemplate> error;
  std::optional<JsonataTemplate> cause;
  std::vector<JsonataChoice> choices;  // parallel to State::choice_next
};

struct StateGraph;

// One state, compiled: indices instead of names, paths and templates parsed.
struct State {
  std::string name;
  StateType type = StateType::kPass;
  int next = -1;  // index in the graph; -1 with `end`
  bool end = false;
  bool uses_context = false;  // some path of the state reads `$$`: build the context object
  // QueryLanguage JSONata: `jsonata` holds the state's fields, and the JSONPath members (paths,
  // Parameters, ResultSelector, choices) are unused.
  std::shared_ptr<const JsonataFields> jsonata;

  IoPath input_path;
  IoPath output_path;
  ResultPathSpec result_path;
  std::optional<PayloadTemplate> parameters;  // Parameters (Map: ItemSelector)
  std::optional<PayloadTemplate> result_selector;
  std::optional<PayloadTemplate> assign;
  std::vector<Retrier> retriers;
  std::vector<Catcher> catchers;

  JsonPtr result;  // Pass: Result

  // Task
  std::string resource;
  std::optional<std::int64_t> timeout_seconds;
  std::optional<JsonPath> timeout_seconds_path;
  std::optional<std::int64_t> heartbeat_seconds;
  std::optional<JsonPath> heartbeat_seconds_path;

  // Choice
  std::vector<ChoiceRule> choices;
  std::vector<int> choice_next;  // parallel to `choices`
  std::vector<std::optional<PayloadTemplate>> choice_assign;  // a rule's own Assign
  int default_next = -1;

  // Wait
  std::optional<std::int64_t> seconds;
  std::optional<JsonPath> seconds_path;
  std::optional<std::string> timestamp;
  std::optional<JsonPath> timestamp_path;

  // Fail
  DynamicValue error;
  DynamicValue cause;

  // Parallel
  std::vector<std::shared_ptr<const StateGraph>> branches;

  // Map
  std::shared_ptr<const StateGraph> processor;
  std::optional<JsonPath> items_path;
  std::int64_t max_concurrency = 0;
  std::optional<JsonPath> max_concurrency_path;
  std::optional<std::int64_t> tolerated_failure_count;
  std::optional<JsonPath> tolerated_failure_count_path;
  std::optional<double> tolerated_failure_percentage;
  std::optional<JsonPath> tolerated_failure_percentage_path;
  bool distributed = false;
  std::string label;  // Map: Label (part of a distributed Map Run's ARN)
};

// The states of one scope: the machine's top level, a Parallel branch, a Map's processor.
struct StateGraph {
  int start = 0;
  std::vector<State> states;
};

// A definition compiled once (at CreateStateMachine) and shared by all its executions.
struct Program {
  StateGraph top;
  std::optional<std::int64_t> timeout_seconds;
};

}  // namespace jobflow::asl
