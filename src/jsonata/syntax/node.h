#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jsonata/syntax/signature.h"

namespace jobflow::jsonata {

struct Node;
using NodePtr = std::unique_ptr<Node>;

// A node of a JSONata syntax tree. The parser builds the raw tree (binary '.', '[', '{' ...);
// the post-parse pass (AstProcessor) rewrites it into the form the evaluator runs: location
// paths as lists of steps with their predicate stages, group-by, sort steps, bindings, parent
// slots and tail calls. One struct for both, as in the reference implementation: most fields
// are used by a few node types only.
struct Node {
  enum class Type {
    // Leaves.
    kName,        // field name (value)
    kVariable,    // $value
    kString,      // literal (value)
    kNumber,      // literal (number)
    kValue,       // true / false / null (literal)
    kRegex,       // /value/flags
    kWildcard,    // *
    kDescendant,  // **
    kParent,      // % (slot)
    kOperator,    // an operator token used as an operand ('?' in a partial application; and/or/in as names)
    kEnd,         // the end of the expression where an operand was expected (refused after parsing)
    // Raw tree.
    kBinary,     // value = operator; lhs, rhs (for '{' group-by: lhs and pairs; for '^': lhs and terms)
    kUnary,      // value = "-" (expression), "[" (expressions), "{" (pairs)
    kFunction,   // procedure(arguments)
    kPartial,    // procedure(arguments with '?' placeholders)
    kLambda,     // function($a, $b)<signature>{ body }
    kCondition,  // condition ? then : else
    kBlock,      // (expressions; ...)
    kTransform,  // | pattern | update [, delete] |
    // Processed tree.
    kPath,  // steps
    kBind,  // lhs := rhs
    kApply, // lhs ~> rhs
    kSort,  // terms (a step of a path)
  };

  enum class Literal { kTrue, kFalse, kNull };

  // A filter [expr] or an index binding #$var on a step, in the order written.
  struct Stage {
    enum class Kind { kFilter, kIndex };
    Kind kind = Kind::kFilter;
    NodePtr expression;     // kFilter
    std::string variable;   // kIndex
    int position = 0;
  };

  struct SortTerm {
    bool descending = false;
    NodePtr expression;
  };

  using Pair = std::pair<NodePtr, NodePtr>;

  Type type = Type::kName;
  std::string value;  // operator symbol, name, variable name, string literal, regex pattern
  double number = 0;
  Literal literal = Literal::kNull;
  std::string flags;  // regex flags
  int position = 0;

  NodePtr lhs, rhs;
  NodePtr expression;                // unary '-'
  std::vector<NodePtr> expressions;  // array constructor, block
  std::vector<Pair> pairs;           // object constructor (unary '{'), group-by (binary '{')
  std::vector<SortTerm> terms;       // '^' in the raw tree, kSort after processing

  NodePtr procedure;                 // function, partial
  std::vector<NodePtr> arguments;    // function, partial, lambda (variables)
  std::optional<Signature> signature;  // lambda: function($x)<sig>{…}
  NodePtr body;                      // lambda
  bool thunk = false;                // lambda made by tail-call optimisation

  bool own_scope = true;             // block: evaluated in a frame of its own (false when nothing
                                     // in it can bind a variable: no :=, no call that could be $eval)

  NodePtr condition, then, otherwise;  // condition
  NodePtr pattern, update, remove;     // transform

  // Processed tree.
  std::vector<NodePtr> steps;          // path
  std::vector<Stage> predicate;        // filters on a node that is not a path step
  std::vector<Stage> stages;           // filters and index bindings of a path step
  std::vector<Pair> group;             // group-by on a step or expression ({...} after it)
  int group_position = 0;
  bool has_group = false;
  std::optional<std::string> focus;    // step@$var
  std::optional<std::string> index;    // step#$var (no stages before it)
  bool tuple = false;                  // the step is evaluated as a tuple stream
  bool keep_array = false;             // [] after it
  bool keep_singleton_array = false;   // a path with a keep_array step
  bool cons_array = false;             // an array constructor as first or last step
  int slot = -1;                       // parent: its slot (index into the slot table)
  int ancestor = -1;                   // a step a parent (%) refers to: the slot it binds
  std::optional<std::vector<int>> seeking_parent;  // slots still looking for their step (set, even
                                                   // empty, once a parent was seen below)
  // After processing: the variable a parent (%) reads, and the one an ancestor step binds its
  // input under ("!0", "!1", ...; "" when none).
  std::string parent_label;
  std::string ancestor_label;

  NodePtr clone() const;
  // Calls f(Node&) for every direct child node.
  template <class F>
  void for_each_child(F&& f);
};

template <class F>
void Node::for_each_child(F&& f) {
  auto one = [&](NodePtr& n) {
    if (n) f(*n);
  };
  one(lhs), one(rhs), one(expression), one(procedure), one(body), one(condition), one(then), one(otherwise);
  one(pattern), one(update), one(remove);
  for (auto& n : expressions) one(n);
  for (auto& n : arguments) one(n);
  for (auto& n : steps) one(n);
  for (auto& [k, v] : pairs) one(k), one(v);
  for (auto& [k, v] : group) one(k), one(v);
  for (auto& t : terms) one(t.expression);
  for (auto& s : predicate) one(s.expression);
  for (auto& s : stages) one(s.expression);
}

}  // namespace jobflow::jsonata
