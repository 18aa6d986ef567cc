#include "jsonata/syntax/ast_processor.h"

#include <fmt/format.h>

#include <utility>

namespace jobflow::jsonata {
namespace {

NodePtr make_node(Node::Type type, std::string value, int position) {
  auto node = std::make_unique<Node>();
  node->type = type;
  node->value = std::move(value);
  node->position = position;
  return node;
}

NodePtr as_path(NodePtr node) {
  if (node->type == Node::Type::kPath) return node;
  auto path = make_node(Node::Type::kPath, {}, node->position);
  path->steps.push_back(std::move(node));
  return path;
}

bool is_array_constructor(const Node& node) { return node.type == Node::Type::kUnary && node.value == "["; }

std::string number_text(double value) {
  // As JavaScript prints a number in an error's value: integers without a fraction.
  if (value == static_cast<double>(static_cast<long long>(value))) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

// Whether evaluating `node` could bind a variable in the frame it is given: a binding (:=), or a
// call, which could be $eval of a binding, or a transform. Conservative: looks into lambdas too.
bool may_bind(Node& node) {
  switch (node.type) {
    case Node::Type::kBind:
    case Node::Type::kFunction:
    case Node::Type::kPartial:
    case Node::Type::kApply:
    case Node::Type::kTransform: return true;
    default: break;
  }
  bool found = false;
  node.for_each_child([&](Node& child) { found = found || may_bind(child); });
  return found;
}

// Writes each parent's and ancestor step's variable name, once the slots' labels are final.
void label_slots(Node& node, const std::vector<int>& labels) {
  if (node.slot >= 0) node.parent_label = fmt::format("!{}", labels[static_cast<std::size_t>(node.slot)]);
  if (node.ancestor >= 0) node.ancestor_label = fmt::format("!{}", labels[static_cast<std::size_t>(node.ancestor)]);
  node.for_each_child([&](Node& child) { label_slots(child, labels); });
}

}  // namespace

std::string_view node_type_name(Node::Type type) {
  switch (type) {
    case Node::Type::kName: return "name";
    case Node::Type::kVariable: return "variable";
    case Node::Type::kString: return "string";
    case Node::Type::kNumber: return "number";
    case Node::Type::kValue: return "value";
    case Node::Type::kRegex: return "regex";
    case Node::Type::kWildcard: return "wildcard";
    case Node::Type::kDescendant: return "descendant";
    case Node::Type::kParent: return "parent";
    case Node::Type::kOperator: return "operator";
    case Node::Type::kEnd: return "(end)";
    case Node::Type::kBinary: return "binary";
    case Node::Type::kUnary: return "unary";
    case Node::Type::kFunction: return "function";
    case Node::Type::kPartial: return "partial";
    case Node::Type::kLambda: return "lambda";
    case Node::Type::kCondition: return "condition";
    case Node::Type::kBlock: return "block";
    case Node::Type::kTransform: return "transform";
    case Node::Type::kPath: return "path";
    case Node::Type::kBind: return "bind";
    case Node::Type::kApply: return "apply";
    case Node::Type::kSort: return "sort";
  }
  return "unknown";
}

void AstProcessor::fail(std::string_view code, int position, std::string token, std::string value) {
  JsonataError e = error(code, {ErrorInsert::text("token", token), ErrorInsert::literal("value", value)});
  e.position = position;
  throw e;
}

JResult<SyntaxTree> AstProcessor::process(NodePtr raw) {
  AstProcessor processor;
  try {
    NodePtr root = processor.process_node(std::move(raw));
    if (root->type == Node::Type::kParent || root->seeking_parent)
      fail("S0217", root->position, std::string(node_type_name(root->type)));
    SyntaxTree tree{std::move(root), {}};
    for (const auto& slot : processor.slots_) tree.slot_labels.push_back(slot.label);
    label_slots(*tree.root, tree.slot_labels);
    return tree;
  } catch (JsonataError& e) {
    return std::unexpected(std::move(e));
  }
}

void AstProcessor::seek_parent(Node& node, int slot) {
  switch (node.type) {
    case Node::Type::kName:
    case Node::Type::kWildcard:
      if (--slots_[slot].level == 0) {
        // A step named by two parents binds once: the later slot takes the earlier's label.
        if (node.ancestor >= 0) slots_[slot].label = slots_[node.ancestor].label;
        node.ancestor = slot;
        node.tuple = true;
      }
      break;
    case Node::Type::kParent:
      ++slots_[slot].level;
      break;
    case Node::Type::kBlock:
      if (!node.expressions.empty()) {
        node.tuple = true;
        seek_parent(*node.expressions.back(), slot);
      }
      break;
    case Node::Type::kPath: {
      node.tuple = true;
      auto index = static_cast<std::ptrdiff_t>(node.steps.size()) - 1;
      seek_parent(*node.steps[index--], slot);
      while (slots_[slot].level > 0 && index >= 0) seek_parent(*node.steps[index--], slot);
      break;
    }
    default:
      fail("S0217", node.position, std::string(node_type_name(node.type)));
  }
}

void AstProcessor::push_ancestry(Node& result, const Node& value) {
  if (!value.seeking_parent && value.type != Node::Type::kParent) return;
  std::vector<int> slots = value.seeking_parent.value_or(std::vector<int>{});
  if (value.type == Node::Type::kParent) slots.push_back(value.slot);
  if (!result.seeking_parent) {
    result.seeking_parent = std::move(slots);
  } else {
    result.seeking_parent->insert(result.seeking_parent->end(), slots.begin(), slots.end());
  }
}

void AstProcessor::resolve_ancestry(Node& path) {
  Node& last = *path.steps.back();
  std::vector<int> slots = last.seeking_parent.value_or(std::vector<int>{});
  if (last.type == Node::Type::kParent) slots.push_back(last.slot);
  for (int slot : slots) {
    auto index = static_cast<std::ptrdiff_t>(path.steps.size()) - 2;
    while (slots_[slot].level > 0) {
      if (index < 0) {
        if (!path.seeking_parent) path.seeking_parent.emplace();
        path.seeking_parent->push_back(slot);
        break;
      }
      Node* step = path.steps[index--].get();
      // Contiguous steps that bind the focus (@$v) do not move the context: skip them as one.
      while (index >= 0 && step->focus && path.steps[index]->focus) step = path.steps[index--].get();
      seek_parent(*step, slot);
    }
  }
}

NodePtr AstProcessor::tail_call_optimize(NodePtr expr) {
  if (expr->type == Node::Type::kFunction && expr->predicate.empty()) {
    auto thunk = make_node(Node::Type::kLambda, {}, expr->position);
    thunk->thunk = true;
    thunk->body = std::move(expr);
    return thunk;
  }
  if (expr->type == Node::Type::kCondition) {
    expr->then = tail_call_optimize(std::move(expr->then));
    if (expr->otherwise) expr->otherwise = tail_call_optimize(std::move(expr->otherwise));
  } else if (expr->type == Node::Type::kBlock && !expr->expressions.empty()) {
    expr->expressions.back() = tail_call_optimize(std::move(expr->expressions.back()));
  }
  return expr;
}

NodePtr AstProcessor::process_binary(NodePtr expr) {
  const std::string& op = expr->value;
  if (op == ".") {
    NodePtr left = process_node(std::move(expr->lhs));
    const bool left_is_parent = left->type == Node::Type::kParent;
    const int left_slot = left->slot;
    NodePtr result = as_path(std::move(left));
    if (left_is_parent) result->seeking_parent = std::vector<int>{left_slot};
    NodePtr rest = process_node(std::move(expr->rhs));
    if (rest->type == Node::Type::kPath) {
      for (auto& step : rest->steps) result->steps.push_back(std::move(step));
    } else {
      if (!rest->predicate.empty()) rest->stages = std::move(rest->predicate), rest->predicate.clear();
      result->steps.push_back(std::move(rest));
    }
    for (auto& step : result->steps) {
      if (step->type == Node::Type::kNumber) fail("S0213", step->position, {}, number_text(step->number));
      if (step->type == Node::Type::kValue) fail("S0213", step->position, {}, step->value);
      if (step->type == Node::Type::kString) step->type = Node::Type::kName;
      if (step->keep_array) result->keep_singleton_array = true;
    }
    if (is_array_constructor(*result->steps.front())) result->steps.front()->cons_array = true;
    if (is_array_constructor(*result->steps.back())) result->steps.back()->cons_array = true;
    resolve_ancestry(*result);
    return result;
  }
  if (op == "[") {
    // A predicate on a step, or on any other expression.
    NodePtr result = process_node(std::move(expr->lhs));
    Node* step = result.get();
    bool on_path = false;
    if (result->type == Node::Type::kPath) {
      step = result->steps.back().get();
      on_path = true;
    }
    if (step->has_group) fail("S0209", expr->position);
    NodePtr predicate = process_node(std::move(expr->rhs));
    if (predicate->seeking_parent) {
      for (int slot : *predicate->seeking_parent) {
        if (slots_[slot].level == 1) {
          seek_parent(*step, slot);
        } else {
          --slots_[slot].level;
        }
      }
      push_ancestry(*step, *predicate);
    }
    Node::Stage stage{Node::Stage::Kind::kFilter, std::move(predicate), {}, expr->position};
    (on_path ? step->stages : step->predicate).push_back(std::move(stage));
    return result;
  }
  if (op == "{") {
    NodePtr result = process_node(std::move(expr->lhs));
    if (result->has_group) fail("S0210", expr->position);
    for (auto& [key, value] : expr->pairs)
      result->group.emplace_back(process_node(std::move(key)), process_node(std::move(value)));
    result->has_group = true;
    result->group_position = expr->position;
    return result;
  }
  if (op == "^") {
    NodePtr result = as_path(process_node(std::move(expr->lhs)));
    auto sort = make_node(Node::Type::kSort, {}, expr->position);
    for (auto& term : expr->terms) {
      NodePtr expression = process_node(std::move(term.expression));
      push_ancestry(*sort, *expression);
      sort->terms.push_back({term.descending, std::move(expression)});
    }
    result->steps.push_back(std::move(sort));
    resolve_ancestry(*result);
    return result;
  }
  if (op == ":=") {
    auto result = make_node(Node::Type::kBind, op, expr->position);
    result->lhs = process_node(std::move(expr->lhs));
    result->rhs = process_node(std::move(expr->rhs));
    push_ancestry(*result, *result->rhs);
    return result;
  }
  if (op == "@") {
    NodePtr result = process_node(std::move(expr->lhs));
    Node* step = result->type == Node::Type::kPath ? result->steps.back().get() : result.get();
    if (!step->stages.empty() || !step->predicate.empty()) fail("S0215", expr->position);
    if (step->type == Node::Type::kSort) fail("S0216", expr->position);
    if (expr->keep_array) step->keep_array = true;
    step->focus = expr->rhs->value;
    step->tuple = true;
    return result;
  }
  if (op == "#") {
    NodePtr result = process_node(std::move(expr->lhs));
    Node* step = nullptr;
    if (result->type == Node::Type::kPath) {
      step = result->steps.back().get();
    } else {
      result = as_path(std::move(result));
      step = result->steps.back().get();
      if (!step->predicate.empty()) step->stages = std::move(step->predicate), step->predicate.clear();
    }
    if (step->stages.empty()) {
      step->index = expr->rhs->value;
    } else {
      step->stages.push_back({Node::Stage::Kind::kIndex, nullptr, expr->rhs->value, expr->position});
    }
    step->tuple = true;
    return result;
  }
  if (op == "~>") {
    auto result = make_node(Node::Type::kApply, op, expr->position);
    result->lhs = process_node(std::move(expr->lhs));
    result->rhs = process_node(std::move(expr->rhs));
    result->keep_array = result->lhs->keep_array || result->rhs->keep_array;
    return result;
  }
  auto result = make_node(Node::Type::kBinary, op, expr->position);
  result->lhs = process_node(std::move(expr->lhs));
  result->rhs = process_node(std::move(expr->rhs));
  push_ancestry(*result, *result->lhs);
  push_ancestry(*result, *result->rhs);
  return result;
}

NodePtr AstProcessor::process_node(NodePtr expr) {
  const bool keep_array = expr->keep_array;
  NodePtr result;
  switch (expr->type) {
    case Node::Type::kBinary:
      result = process_binary(std::move(expr));
      break;
    case Node::Type::kUnary: {
      result = make_node(Node::Type::kUnary, expr->value, expr->position);
      if (expr->value == "[") {
        for (auto& item : expr->expressions) {
          NodePtr value = process_node(std::move(item));
          push_ancestry(*result, *value);
          result->expressions.push_back(std::move(value));
        }
      } else if (expr->value == "{") {
        for (auto& [k, v] : expr->pairs) {
          NodePtr key = process_node(std::move(k));
          push_ancestry(*result, *key);
          NodePtr value = process_node(std::move(v));
          push_ancestry(*result, *value);
          result->pairs.emplace_back(std::move(key), std::move(value));
        }
      } else {
        NodePtr operand = process_node(std::move(expr->expression));
        if (expr->value == "-" && operand->type == Node::Type::kNumber) {
          operand->number = -operand->number;
          result = std::move(operand);
        } else {
          push_ancestry(*result, *operand);
          result->expression = std::move(operand);
        }
      }
      break;
    }
    case Node::Type::kFunction:
    case Node::Type::kPartial: {
      result = make_node(expr->type, expr->value, expr->position);
      for (auto& argument : expr->arguments) {
        NodePtr processed = process_node(std::move(argument));
        push_ancestry(*result, *processed);
        result->arguments.push_back(std::move(processed));
      }
      result->procedure = process_node(std::move(expr->procedure));
      break;
    }
    case Node::Type::kLambda: {
      result = make_node(Node::Type::kLambda, {}, expr->position);
      result->arguments = std::move(expr->arguments);
      result->signature = std::move(expr->signature);
      result->body = tail_call_optimize(process_node(std::move(expr->body)));
      break;
    }
    case Node::Type::kCondition: {
      result = make_node(Node::Type::kCondition, {}, expr->position);
      result->condition = process_node(std::move(expr->condition));
      push_ancestry(*result, *result->condition);
      result->then = process_node(std::move(expr->then));
      push_ancestry(*result, *result->then);
      if (expr->otherwise) {
        result->otherwise = process_node(std::move(expr->otherwise));
        push_ancestry(*result, *result->otherwise);
      }
      break;
    }
    case Node::Type::kTransform: {
      result = make_node(Node::Type::kTransform, {}, expr->position);
      result->pattern = process_node(std::move(expr->pattern));
      result->update = process_node(std::move(expr->update));
      if (expr->remove) result->remove = process_node(std::move(expr->remove));
      break;
    }
    case Node::Type::kBlock: {
      result = make_node(Node::Type::kBlock, {}, expr->position);
      for (auto& item : expr->expressions) {
        NodePtr part = process_node(std::move(item));
        push_ancestry(*result, *part);
        if (part->cons_array || (part->type == Node::Type::kPath && part->steps.front()->cons_array))
          result->cons_array = true;
        result->expressions.push_back(std::move(part));
      }
      result->own_scope = may_bind(*result);
      break;
    }
    case Node::Type::kName: {
      const bool keep = expr->keep_array;
      result = as_path(std::move(expr));
      if (keep) result->keep_singleton_array = true;
      break;
    }
    case Node::Type::kParent: {
      result = make_node(Node::Type::kParent, {}, expr->position);
      result->slot = static_cast<int>(slots_.size());
      slots_.push_back({static_cast<int>(slots_.size()), 1});
      break;
    }
    case Node::Type::kString:
    case Node::Type::kNumber:
    case Node::Type::kValue:
    case Node::Type::kWildcard:
    case Node::Type::kDescendant:
    case Node::Type::kVariable:
    case Node::Type::kRegex:
      result = std::move(expr);
      break;
    case Node::Type::kOperator:
      // `and`, `or` and `in` where an operand stands are field names; '?' is a placeholder.
      if (expr->value == "and" || expr->value == "or" || expr->value == "in") {
        expr->type = Node::Type::kName;
        result = process_node(std::move(expr));
      } else if (expr->value == "?") {
        result = std::move(expr);
      } else {
        fail("S0201", expr->position, expr->value);
      }
      break;
    case Node::Type::kEnd:
      fail("S0207", expr->position, expr->value);
    default:
      fail("S0206", expr->position, expr->value);
  }
  if (keep_array) result->keep_array = true;
  return result;
}

}  // namespace jobflow::jsonata
