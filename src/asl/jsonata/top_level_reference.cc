#include "asl/jsonata/top_level_reference.h"

namespace jobflow::asl {
namespace {

using jsonata::Node;

// The first reference to the context among the nodes evaluated against the top level.
std::optional<std::string> first_reference(const Node* node) {
  if (node == nullptr) return std::nullopt;
  auto any_of = [](const auto& nodes) -> std::optional<std::string> {
    for (const auto& n : nodes) {
      if (auto found = first_reference(n.get())) return found;
    }
    return std::nullopt;
  };
  switch (node->type) {
    case Node::Type::kName:
      return "Reference to '" + node->value + "' at the top level is not supported.";
    case Node::Type::kVariable:
      if (node->value.empty()) return std::string("Reference to '$' at the top level is not supported.");
      if (node->value == "$") return std::string("Reference to '$$' is not supported.");
      return std::nullopt;
    case Node::Type::kPath:
      // Only the first step reads the top level; the others read the step before them.
      return node->steps.empty() ? std::nullopt : first_reference(node->steps.front().get());
    case Node::Type::kBinary:
    case Node::Type::kApply:
      if (auto found = first_reference(node->lhs.get())) return found;
      return first_reference(node->rhs.get());
    case Node::Type::kBind:
      return first_reference(node->rhs.get());
    case Node::Type::kUnary:
      if (node->value == "[") return any_of(node->expressions);
      if (node->value == "{") {
        for (const auto& [key, value] : node->pairs) {
          if (auto found = first_reference(key.get())) return found;
          if (auto found = first_reference(value.get())) return found;
        }
        return std::nullopt;
      }
      return first_reference(node->expression.get());
    case Node::Type::kFunction:
    case Node::Type::kPartial:
      if (auto found = first_reference(node->procedure.get())) return found;
      return any_of(node->arguments);
    case Node::Type::kLambda:
      return first_reference(node->body.get());
    case Node::Type::kCondition:
      if (auto found = first_reference(node->condition.get())) return found;
      if (auto found = first_reference(node->then.get())) return found;
      return first_reference(node->otherwise.get());
    case Node::Type::kBlock:
      return any_of(node->expressions);
    default:
      // Literals, regexes, wildcards, descendants, parents, transforms and sort steps.
      return std::nullopt;
  }
}

}  // namespace

std::optional<std::string> unsupported_top_level_reference(const jsonata::SyntaxTree& tree) {
  return first_reference(tree.root.get());
}

}  // namespace jobflow::asl
