#include "jsonata/api/expression.h"

#include <chrono>

#include "jsonata/functions/standard_library.h"
#include "jsonata/syntax/parser.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/sequence.h"

namespace jobflow::jsonata {

JResult<Expression> Expression::compile(std::string_view text) {
  auto raw = Parser::parse(text);
  if (!raw) return std::unexpected(raw.error());
  auto tree = AstProcessor::process(std::move(*raw));
  if (!tree) return std::unexpected(tree.error());
  return Expression(std::make_shared<const SyntaxTree>(std::move(*tree)));
}

JResult<Value> Expression::evaluate(const Value& input, const Bindings& bindings, EvaluationLimits limits) const {
  return evaluate_in(standard_library(), input, bindings, limits);
}

JResult<Value> Expression::evaluate_in(const FramePtr& scope, const Value& input, const Bindings& bindings,
                                       EvaluationLimits limits, Closures closures) const {
  auto env = std::make_shared<Frame>(scope);
  env->reserve(bindings.size() + 1);
  for (const auto& [name, value] : bindings) env->bind(name, value);
  // A JSON array as the input is one value: wrapped, so that paths do not map over it.
  Value context = input;
  if (input.is_array() && !input.is_sequence()) {
    auto wrapper = sequence_of(input);
    wrapper->outer_wrapper = true;
    context = Value::array(std::move(wrapper));
  }
  env->bind("$", context);
  Evaluator evaluator(limits);
  evaluator.set_tree(tree_);
  try {
    Value result = evaluator.evaluate(*tree_->root, context, env);
    evaluator.release_bound_frames(closures == Closures::kDataOnly ? Value() : result);
    return result;
  } catch (JsonataError& e) {
    evaluator.release_bound_frames(Value());
    return std::unexpected(std::move(e));
  }
}

}  // namespace jobflow::jsonata
