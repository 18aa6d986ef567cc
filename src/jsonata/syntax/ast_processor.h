#pragma once

#include <string_view>
#include <vector>

#include "jsonata/error/jsonata_error.h"
#include "jsonata/syntax/node.h"

namespace jobflow::jsonata {

// A parsed and processed expression: the tree the evaluator runs, and the labels of the parent
// (%) slots. A step whose `ancestor` is set binds its input under label slot_labels[ancestor];
// a parent node reads the value bound under slot_labels[slot].
struct SyntaxTree {
  NodePtr root;
  std::vector<int> slot_labels;
};

// The reference implementation's post-parse pass over the raw tree: '.' chains become paths of
// steps (string literals as names; numbers and true/false/null refused, S0213), predicates become
// filter stages, `#$i` index stages, `@$v` focus bindings, `{…}` after a step a group-by (S0209,
// S0210), `^(…)` a sort step, `:=` a bind and `~>` an apply node; unary minus on a literal is
// folded; function calls in tail position of a lambda become thunks (the evaluator's trampoline
// runs them without growing the stack); and every parent operator is resolved to the step whose
// input it names (S0217 when there is none).
class AstProcessor {
 public:
  static JResult<SyntaxTree> process(NodePtr raw);

 private:
  struct Slot {
    int label;
    int level;
  };

  NodePtr process_node(NodePtr expr);
  NodePtr process_binary(NodePtr expr);
  void seek_parent(Node& node, int slot);
  void push_ancestry(Node& result, const Node& value);
  void resolve_ancestry(Node& path);
  static NodePtr tail_call_optimize(NodePtr expr);
  [[noreturn]] static void fail(std::string_view code, int position, std::string token = {},
                                std::string value = {});

  std::vector<Slot> slots_;
};

// The reference implementation's name of a node type ("path", "name", "function", …), as its
// errors quote them.
std::string_view node_type_name(Node::Type type);

}  // namespace jobflow::jsonata
