#include "asl/path/json_path.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "asl/path/json_path_parser.h"
#include "asl/path/path_evaluator.h"
#include "asl/path/path_step.h"

namespace jobflow::asl {

struct JsonPath::Compiled {
  std::string text;
  Root root = Root::kInput;
  std::string variable;
  path::PathSteps steps;
  bool definite = true;
};

namespace {

const JsonPtr& empty_object() {
  static const JsonPtr value = make_json(Json(boost::json::object()));
  return value;
}

}  // namespace

Parsed<JsonPath> JsonPath::parse(std::string_view text, std::string_view field,
                                 std::string_view location) {
  auto parsed = path::JsonPathParser::parse(text);
  if (!parsed) {
    return std::unexpected(Diagnostic{
        "SCHEMA_VALIDATION_FAILED",
        "The value for the field '" + std::string(field) + "' must be a valid JSONPath",
        std::string(location)});
  }
  auto compiled = std::make_shared<Compiled>();
  compiled->text = std::string(text);
  compiled->root = parsed->root;
  compiled->variable = std::move(parsed->variable);
  compiled->steps = std::move(parsed->steps);
  for (std::size_t i = 0; i < compiled->steps.size(); ++i) {
    if (!compiled->steps[i].definite_token(i + 1 == compiled->steps.size())) {
      compiled->definite = false;
    }
  }
  JsonPath out;
  out.compiled_ = std::move(compiled);
  return out;
}

const std::string& JsonPath::text() const { return compiled_->text; }
JsonPath::Root JsonPath::root() const { return compiled_->root; }
const std::string& JsonPath::variable() const { return compiled_->variable; }
bool JsonPath::definite() const { return compiled_->definite; }

namespace {

// The document a path starts from, or nullptr when its variable is not visible.
const JsonPtr* root_of(JsonPath::Root root, const std::string& variable, const Scope& scope) {
  switch (root) {
    case JsonPath::Root::kInput: return scope.input ? &scope.input : &json_null();
    case JsonPath::Root::kContext: return scope.context ? &scope.context : &empty_object();
    case JsonPath::Root::kVariable: {
      const JsonPtr* found = scope.variables ? scope.variables->find(variable) : nullptr;
      return found && *found ? found : nullptr;
    }
  }
  return nullptr;
}

// Not recorded on AWS (it rejects undefined variables at CreateStateMachine).
std::string undefined_variable(const std::string& variable) {
  return "No results for path: $" + variable;
}

}  // namespace

std::expected<JsonPtr, std::string> JsonPath::find(const Scope& scope) const {
  const Compiled& c = *compiled_;
  const JsonPtr* owner = root_of(c.root, c.variable, scope);
  if (!owner) return std::unexpected(undefined_variable(c.variable));
  if (c.steps.empty()) return *owner;
  const Json& root = **owner;
  if (c.definite) {
    auto hit = path::PathEvaluator::find_definite(c.steps, root);
    if (!hit) return std::unexpected(std::move(hit.error()));
    if (hit->built) return std::move(hit->built);
    return alias(*owner, *hit->node);
  }
  boost::json::array matches;
  path::PathEvaluator::find_all(c.steps, 0, root, root, matches);
  return make_json(Json(std::move(matches)));
}

std::expected<void, std::string> JsonPath::find_into(const Scope& scope, Json& out) const {
  const Compiled& c = *compiled_;
  const JsonPtr* owner = root_of(c.root, c.variable, scope);
  if (!owner) return std::unexpected(undefined_variable(c.variable));
  const Json& root = **owner;
  if (c.steps.empty()) {
    out = root;
    return {};
  }
  if (c.definite) {
    auto hit = path::PathEvaluator::find_definite(c.steps, root);
    if (!hit) return std::unexpected(std::move(hit.error()));
    out = hit->node ? *hit->node : *hit->built;
    return {};
  }
  path::PathEvaluator::find_all(c.steps, 0, root, root, out.emplace_array());
  return {};
}

}  // namespace jobflow::asl
