#include "asl/intrinsic/intrinsic.h"

#include <boost/container/small_vector.hpp>

#include "asl/intrinsic/call_parser.h"
#include "asl/intrinsic/functions.h"

namespace jobflow::asl {

struct Intrinsic::Compiled {
  std::string text;
  std::string field;
  intrinsic::Node root;
};

namespace {

using intrinsic::Node;

Failure path_not_found(const JsonPath& path, const Scope& scope, const std::string& field) {
  std::string cause = "The JSONPath '" + path.text() + "'";
  if (!field.empty()) cause += " specified for the field '" + field + "'";
  cause += " could not be found in the input '";
  cause += scope.input ? to_text(*scope.input) : std::string("{}");
  cause += "'";
  return Failure::runtime(std::move(cause));
}

Outcome<JsonPtr> evaluate_node(const Node& node, const Scope& scope, const std::string& field) {
  switch (node.kind) {
    case Node::Kind::kLiteral:
      return node.literal;
    case Node::Kind::kPath: {
      auto found = node.path->find(scope);
      if (!found) return raise(path_not_found(*node.path, scope, field));
      return std::move(*found);
    }
    case Node::Kind::kCall: {
      boost::container::small_vector<JsonPtr, 4> args;
      args.reserve(node.args.size());
      for (const Node& arg : node.args) {
        auto value = evaluate_node(arg, scope, field);
        if (!value) return value;
        args.push_back(std::move(*value));
      }
      intrinsic::CallContext context;
      context.random = scope.random;
      if (node.function == intrinsic::Function::kFormat && !node.args.empty() &&
          node.args[0].kind == Node::Kind::kLiteral && node.args[0].literal->is_string()) {
        context.format_holes = &node.args[0].format_holes;
      }
      return intrinsic::call_function(
          node.function, std::span<const JsonPtr>(args.data(), args.size()), context);
    }
  }
  return raise(Failure::runtime("Invalid intrinsic function call."));
}

}  // namespace

bool Intrinsic::looks_like_call(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
    ++i;
  }
  return text.substr(i).starts_with("States.");
}

Parsed<Intrinsic> Intrinsic::parse(std::string_view text, std::string_view field,
                                   std::string_view location) {
  auto root = intrinsic::CallParser::parse(text);
  if (!root) {
    return std::unexpected(Diagnostic{
        "SCHEMA_VALIDATION_FAILED",
        "The value for the field '" + std::string(field) +
            "' must be a valid JSONPath or a valid intrinsic function call",
        std::string(location)});
  }
  Intrinsic result;
  result.compiled_ = std::make_shared<const Compiled>(
      Compiled{std::string(text), std::string(field), std::move(*root)});
  return result;
}

const std::string& Intrinsic::text() const { return compiled_->text; }

Outcome<JsonPtr> Intrinsic::evaluate(const Scope& scope) const {
  return evaluate_node(compiled_->root, scope, compiled_->field);
}

}  // namespace jobflow::asl
