#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "asl/value/diagnostic.h"
#include "asl/value/failure.h"
#include "asl/value/json.h"
#include "asl/value/scope.h"
#include "jsonata/eval/evaluator.h"

namespace jobflow::asl {

// The expression of a JSONata string: the text between "{%" and "%}" when the string starts with
// the one and ends with the other (no blank outside them: " {% x %} " is a literal string), trimmed
// of the blanks inside. nullopt for any other string.
std::optional<std::string_view> jsonata_expression_text(std::string_view text);

// Whether `value` holds a JSONata string anywhere (itself, a member, an element, at any depth).
bool contains_jsonata(const Json& value);

// What a JSONata expression is evaluated against: `$states` and the state machine's variables.
// The documents are borrowed (no copy) for the duration of evaluate().
struct JsonataBindings {
  JsonPtr input;         // $states.input; nullptr: null
  JsonPtr context;       // $states.context (the context object); nullptr: {}
  JsonPtr result;        // $states.result, where the state has one; nullptr: absent
  JsonPtr error_output;  // $states.errorOutput, in a catcher; nullptr: absent
  const Variables* variables = nullptr;  // $name; nullptr: none
  Random* random = nullptr;              // $random() and $uuid(); nullptr: they fail
  // Step Functions' guards: nesting deeper than 100 evaluations fails, and so does an
  // evaluation longer than 5 s [third-party: floci, measured against AWS]. Without them a
  // runaway recursion would overflow the stack or loop for ever.
  jsonata::EvaluationLimits limits{100, std::chrono::milliseconds(5000)};
};

// A definition field in JSONata mode (Arguments, Output, Assign, Items, Condition, Seconds, ...),
// compiled once: at any depth a string "{% expression %}" is a JSONata expression, every other
// value a literal. Evaluated over step_functions_library(); results leave as JSON (to_json, so
// the exact numbers of borrowed documents are kept).
class JsonataTemplate {
 public:
  using Bindings = JsonataBindings;

  // `field_name` names the field in causes ("Output"; a member adds "/key", an element "[i]").
  // An expression that does not parse is INVALID_JSONATA_EXPRESSION with the parser's message at
  // `location` (the field's JSON pointer, "/States/S/Output"; default "/" + field_name) plus the
  // same suffix.
  static Parsed<JsonataTemplate> compile(const Json& field, std::string field_name, std::string_view location = {});

  // The field's value: literals as written (a literal field is returned shared, not copied), each
  // expression's result in its place. A failure is States.QueryEvaluationError with AWS's cause
  // (returned nothing / threw an error during evaluation / unsupported result type) naming the
  // expression and its field path.
  Outcome<JsonPtr> evaluate(const Bindings& bindings) const;

  const std::string& field_name() const;
  // Whether the field holds no expression at all.
  bool is_literal() const;
  // The expression text when the whole field is one expression ("Items": "{% ... %}"), for causes
  // about the result's type (QueryEvaluationError::unexpected_result_type).
  std::optional<std::string_view> expression_text() const;

  struct Compiled;  // opaque: the compiled tree, shared by copies

 private:
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace jobflow::asl
