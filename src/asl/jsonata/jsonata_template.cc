#include "asl/jsonata/jsonata_template.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <fmt/format.h>

#include "asl/jsonata/query_evaluation_error.h"
#include "asl/jsonata/step_functions_library.h"
#include "asl/jsonata/top_level_reference.h"
#include "jsonata/api/expression.h"
#include "jsonata/syntax/lexer.h"
#include "jsonata/value/json_output.h"
#include "jsonata/value/object_data.h"

namespace jobflow::asl {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The names after each '$' in the text ($name, not $ or $$), strings and comments included: a
// superset of the variables the expression reads, so binding each that exists is enough.
void collect_variable_names(std::string_view text, std::vector<std::string>& names) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') continue;
    std::size_t end = i + 1;
    while (end < text.size() && text[end] != '$' && !jsonata::is_name_stop(text[end])) ++end;
    if (end > i + 1) {
      std::string name(text.substr(i + 1, end - i - 1));
      if (name != "states" && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    }
    i = end - 1;
  }
}

struct TemplateNode {
  enum class Kind { kLiteral, kExpression, kObject, kArray };
  Kind kind = Kind::kLiteral;
  const Json* literal = nullptr;  // kLiteral: inside Compiled::field
  std::optional<jsonata::Expression> expression;
  std::string text;  // kExpression: the trimmed expression text
  std::string path;  // kExpression: the field path in causes ("Output/a[0]")
  std::vector<std::pair<std::string, TemplateNode>> members;  // kObject
  std::vector<TemplateNode> items;                             // kArray
};

}  // namespace

struct JsonataTemplate::Compiled {
  JsonPtr field;  // the definition's value, copied once; literals point into it
  std::string field_name;
  TemplateNode root;
  std::vector<std::string> variable_names;
};

namespace {

const Json& empty_object() {
  static const Json value = boost::json::object();
  return value;
}

class Builder {
 public:
  Builder(std::vector<std::string>& names) : names_(names) {}

  Parsed<TemplateNode> build(const Json& value, const std::string& path, const std::string& location) {
    TemplateNode node;
    if (!contains_jsonata(value)) {
      node.literal = &value;
      return node;
    }
    if (value.is_string()) {
      std::string_view text = *jsonata_expression_text(value.get_string());
      auto expression = jsonata::Expression::compile(text);
      if (!expression) return std::unexpected(Diagnostic{"INVALID_JSONATA_EXPRESSION", expression.error().message, location});
      if (auto reference = unsupported_top_level_reference(expression->tree())) {
        return std::unexpected(Diagnostic{"UNSUPPORTED_JSONATA_EXPRESSION", std::move(*reference), location});
      }
      collect_variable_names(text, names_);
      node.kind = TemplateNode::Kind::kExpression;
      node.expression = std::move(*expression);
      node.text = std::string(text);
      node.path = path;
      return node;
    }
    if (value.is_object()) {
      node.kind = TemplateNode::Kind::kObject;
      node.members.reserve(value.get_object().size());
      for (const auto& member : value.get_object()) {
        std::string suffix(1, '/');
        suffix += member.key();
        auto child = build(member.value(), path + suffix, location + suffix);
        if (!child) return std::unexpected(std::move(child.error()));
        node.members.emplace_back(std::string(member.key()), std::move(*child));
      }
      return node;
    }
    node.kind = TemplateNode::Kind::kArray;
    const auto& array = value.get_array();
    node.items.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
      std::string suffix = fmt::format("[{}]", i);
      auto child = build(array[i], path + suffix, location + suffix);
      if (!child) return std::unexpected(std::move(child.error()));
      node.items.push_back(std::move(*child));
    }
    return node;
  }

 private:
  std::vector<std::string>& names_;
};

// One evaluate() call: the root frame ($states and the variables read), the documents it borrows.
class Evaluation {
 public:
  Evaluation(const std::shared_ptr<const JsonataTemplate::Compiled>& compiled, const JsonataBindings& bindings)
      : compiled_(compiled), bindings_(bindings), scope_(bindings.random) {
    auto states = std::make_shared<jsonata::ObjectData>();
    states->reserve(4);
    states->set("input", borrow(bindings.input ? bindings.input : json_null()));
    states->set("context", bindings.context ? borrow(bindings.context) : jsonata::Value::borrowed(empty_object()));
    if (bindings.result) states->set("result", borrow(bindings.result));
    if (bindings.error_output) states->set("errorOutput", borrow(bindings.error_output));
    root_ = std::make_shared<jsonata::Frame>(step_functions_library());
    root_->bind("states", jsonata::Value::object(std::move(states)));
    if (bindings.variables != nullptr) {
      for (const std::string& name : compiled->variable_names) {
        if (const JsonPtr* value = bindings.variables->find(name); value != nullptr && *value != nullptr) {
          root_->bind(name, borrow(*value));
        }
      }
    }
  }

  Outcome<JsonPtr> top(const TemplateNode& node) {
    if (node.kind == TemplateNode::Kind::kLiteral) return compiled_->field;
    if (node.kind == TemplateNode::Kind::kExpression) {
      auto value = run(node);
      if (!value) return std::unexpected(std::move(value.error()));
      // The whole of a document we were given (`$states.input`, `$var`): shared, not copied.
      if (const Json* json = value->json()) {
        for (const JsonPtr* document : documents_) {
          if (document->get() == json) return *document;
        }
      }
      return make_json(*jsonata::to_json(*value));
    }
    auto json = build(node);
    if (!json) return std::unexpected(std::move(json.error()));
    return make_json(std::move(*json));
  }

 private:
  // `document` lives in the bindings (or the variables), which outlive this evaluation.
  jsonata::Value borrow(const JsonPtr& document) {
    documents_.push_back(&document);
    return jsonata::Value::borrowed(*document);
  }

  // An expression's value, defined and not a function.
  Outcome<jsonata::Value> run(const TemplateNode& node) {
    // `$` (the context) is nothing: Step Functions' expressions read $states instead.
    // Results leave as JSON: functions in them are refused or dropped, never called.
    auto result = node.expression->evaluate_in(root_, jsonata::Value(), {}, bindings_.limits,
                                               jsonata::Expression::Closures::kDataOnly);
    if (!result) return raise(QueryEvaluationError::threw(node.text, node.path, result.error()));
    jsonata::Value value = std::move(*result);
    if (value.is_undefined()) return raise(QueryEvaluationError::returned_nothing(node.text, node.path));
    if (value.is_function()) return raise(QueryEvaluationError::unsupported_result_type(node.text, node.path));
    return value;
  }

  Outcome<Json> build(const TemplateNode& node) {
    switch (node.kind) {
      case TemplateNode::Kind::kLiteral: return *node.literal;
      case TemplateNode::Kind::kExpression: {
        auto value = run(node);
        if (!value) return std::unexpected(std::move(value.error()));
        return *jsonata::to_json(*value);
      }
      case TemplateNode::Kind::kObject: {
        boost::json::object out;
        out.reserve(node.members.size());
        for (const auto& [key, child] : node.members) {
          auto json = build(child);
          if (!json) return std::unexpected(std::move(json.error()));
          out[key] = std::move(*json);
        }
        return Json(std::move(out));
      }
      case TemplateNode::Kind::kArray: {
        boost::json::array out;
        out.reserve(node.items.size());
        for (const auto& child : node.items) {
          auto json = build(child);
          if (!json) return std::unexpected(std::move(json.error()));
          out.push_back(std::move(*json));
        }
        return Json(std::move(out));
      }
    }
    return Json();
  }

  const std::shared_ptr<const JsonataTemplate::Compiled>& compiled_;
  const JsonataBindings& bindings_;
  LibraryScope scope_;
  jsonata::FramePtr root_;
  boost::container::small_vector<const JsonPtr*, 8> documents_;  // borrowed by the root frame
};

}  // namespace

std::optional<std::string_view> jsonata_expression_text(std::string_view text) {
  if (text.size() < 4 || !text.starts_with("{%") || !text.ends_with("%}")) return std::nullopt;
  text = text.substr(2, text.size() - 4);
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

bool contains_jsonata(const Json& value) {
  switch (value.kind()) {
    case boost::json::kind::string: return jsonata_expression_text(value.get_string()).has_value();
    case boost::json::kind::array:
      return std::any_of(value.get_array().begin(), value.get_array().end(),
                         [](const Json& item) { return contains_jsonata(item); });
    case boost::json::kind::object:
      return std::any_of(value.get_object().begin(), value.get_object().end(),
                         [](const auto& member) { return contains_jsonata(member.value()); });
    default: return false;
  }
}

Parsed<JsonataTemplate> JsonataTemplate::compile(const Json& field, std::string field_name, std::string_view location) {
  auto compiled = std::make_shared<Compiled>();
  compiled->field = make_json(field);
  compiled->field_name = std::move(field_name);
  std::string where = location.empty() ? "/" + compiled->field_name : std::string(location);
  auto root = Builder(compiled->variable_names).build(*compiled->field, compiled->field_name, where);
  if (!root) return std::unexpected(std::move(root.error()));
  compiled->root = std::move(*root);
  JsonataTemplate result;
  result.compiled_ = std::move(compiled);
  return result;
}

Outcome<JsonPtr> JsonataTemplate::evaluate(const Bindings& bindings) const {
  Evaluation evaluation(compiled_, bindings);
  return evaluation.top(compiled_->root);
}

const std::string& JsonataTemplate::field_name() const { return compiled_->field_name; }

bool JsonataTemplate::is_literal() const { return compiled_->root.kind == TemplateNode::Kind::kLiteral; }

std::optional<std::string_view> JsonataTemplate::expression_text() const {
  if (compiled_->root.kind != TemplateNode::Kind::kExpression) return std::nullopt;
  return compiled_->root.text;
}

}  // namespace jobflow::asl
