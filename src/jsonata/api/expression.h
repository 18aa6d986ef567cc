#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jsonata/error/jsonata_error.h"
#include "jsonata/eval/evaluator.h"
#include "jsonata/syntax/ast_processor.h"
#include "jsonata/value/value.h"

namespace jobflow::jsonata {

// A compiled JSONata expression: parsed and processed once, evaluated any number of times, from
// any number of threads at once (evaluation state lives in the call).
//
//   auto e = Expression::compile("Account.Order[0].Product.Price");
//   auto result = e->evaluate(Value::borrowed(document));   // document outlives the call
class Expression {
 public:
  using Bindings = std::vector<std::pair<std::string, Value>>;

  static JResult<Expression> compile(std::string_view text);

  // Evaluates over `input` (undefined: no input) with `bindings` as variables ($name). The
  // result may borrow from `input` and from the bindings' documents: keep them alive while it is
  // used (to_json copies it out).
  JResult<Value> evaluate(const Value& input, const Bindings& bindings = {}, EvaluationLimits limits = {}) const;
  // What the caller does with a result that holds functions. kKeep: it may call them, so the
  // frames their closures need stay as they are. kDataOnly: it reads the result as data only
  // (JSON), so every frame a `:=` bound into is released, functions or not. Either way, a result
  // without functions releases them: closures bound into their own scope are reference cycles.
  enum class Closures { kKeep, kDataOnly };

  // The same below `scope` instead of the standard library alone: a frame whose own bindings
  // (variables, more functions) are visible to the expression and whose ancestors end in the
  // standard library, such as Step Functions' library with `$states`.
  JResult<Value> evaluate_in(const FramePtr& scope, const Value& input, const Bindings& bindings = {},
                             EvaluationLimits limits = {}, Closures closures = Closures::kKeep) const;

  const SyntaxTree& tree() const { return *tree_; }

 private:
  explicit Expression(std::shared_ptr<const SyntaxTree> tree) : tree_(std::move(tree)) {}

  std::shared_ptr<const SyntaxTree> tree_;
};

}  // namespace jobflow::jsonata
