#include "jsonata/syntax/node.h"

namespace jobflow::jsonata {
namespace {

NodePtr copy(const NodePtr& node) { return node ? node->clone() : nullptr; }

std::vector<NodePtr> copy(const std::vector<NodePtr>& nodes) {
  std::vector<NodePtr> out;
  out.reserve(nodes.size());
  for (const auto& n : nodes) out.push_back(copy(n));
  return out;
}

std::vector<Node::Pair> copy(const std::vector<Node::Pair>& pairs) {
  std::vector<Node::Pair> out;
  out.reserve(pairs.size());
  for (const auto& [k, v] : pairs) out.emplace_back(copy(k), copy(v));
  return out;
}

std::vector<Node::Stage> copy(const std::vector<Node::Stage>& stages) {
  std::vector<Node::Stage> out;
  out.reserve(stages.size());
  for (const auto& s : stages) out.push_back({s.kind, copy(s.expression), s.variable, s.position});
  return out;
}

}  // namespace

NodePtr Node::clone() const {
  auto n = std::make_unique<Node>();
  n->type = type;
  n->value = value;
  n->number = number;
  n->literal = literal;
  n->flags = flags;
  n->position = position;
  n->lhs = copy(lhs);
  n->rhs = copy(rhs);
  n->expression = copy(expression);
  n->expressions = copy(expressions);
  n->pairs = copy(pairs);
  for (const auto& t : terms) n->terms.push_back({t.descending, copy(t.expression)});
  n->procedure = copy(procedure);
  n->arguments = copy(arguments);
  n->signature = signature;
  n->body = copy(body);
  n->thunk = thunk;
  n->own_scope = own_scope;
  n->condition = copy(condition);
  n->then = copy(then);
  n->otherwise = copy(otherwise);
  n->pattern = copy(pattern);
  n->update = copy(update);
  n->remove = copy(remove);
  n->steps = copy(steps);
  n->predicate = copy(predicate);
  n->stages = copy(stages);
  n->group = copy(group);
  n->group_position = group_position;
  n->has_group = has_group;
  n->focus = focus;
  n->index = index;
  n->tuple = tuple;
  n->keep_array = keep_array;
  n->keep_singleton_array = keep_singleton_array;
  n->cons_array = cons_array;
  n->slot = slot;
  n->ancestor = ancestor;
  n->seeking_parent = seeking_parent;
  n->parent_label = parent_label;
  n->ancestor_label = ancestor_label;
  return n;
}

}  // namespace jobflow::jsonata
