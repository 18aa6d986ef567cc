#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jsonata/eval/frame.h"
#include "jsonata/eval/function_data.h"
#include "jsonata/syntax/ast_processor.h"
#include "jsonata/value/value.h"

namespace jobflow::jsonata {

struct EvaluationLimits {
  int max_depth = 0;                         // nested evaluations; 0 = no limit (else D1011)
  std::chrono::milliseconds timeout{0};      // 0 = no limit (else D1012)
};

// Evaluates a processed syntax tree, as the reference implementation's evaluator does, node by
// node: paths step by step over sequences (and tuple streams when a step binds @, # or is named
// by a parent), predicates, operators, constructors, group-by, order-by, blocks and bindings,
// conditions, function calls with signature validation, lambdas, partial application, `~>`,
// transforms, and the trampoline that runs tail calls without growing the stack.
//
// Errors are thrown as JsonataError (an error ends the evaluation); Expression catches them.
// One Evaluator per evaluation: it counts the depth and watches the time.
class Evaluator {
 public:
  explicit Evaluator(EvaluationLimits limits = {});

  Value evaluate(const Node& expr, const Value& input, const FramePtr& env);
  // Calls a function value with arguments (validated against its signature), running tail calls.
  // `name` is how the call site names the function ($name(...)): errors quote it, as the
  // reference's do; a built-in called without one is quoted by its own name.
  Value apply(const Value& procedure, std::vector<Value> args, const Value& input, const FramePtr& env,
              std::string_view name = {});
  // How many arguments `procedure` declares (what higher-order functions pass it).
  static int arity(const Value& procedure);

  // The reference's `isNumeric`: a number that is not NaN; an infinite number is D1001.
  static bool is_numeric(const Value& value);

  // The tree being evaluated (lambdas made from its nodes keep it alive).
  void set_tree(std::shared_ptr<const void> tree) { tree_ = std::move(tree); }
  // Evaluates another tree in this evaluation (what $eval does): its lambdas keep it alive.
  Value evaluate_tree(const std::shared_ptr<const SyntaxTree>& tree, const Value& input, const FramePtr& env);

  // The evaluation's timestamp (epoch milliseconds), the same for every $now() and $millis() of
  // one evaluation: read from the clock at the first of them (most evaluations never ask).
  std::int64_t now_ms() const;

  // After the evaluation: drops the bindings of the frames `:=` bound into, so that closures
  // referring to them are freed. Not when `result` holds a function (it could still need them);
  // pass undefined when the caller will not call any.
  void release_bound_frames(const Value& result);

 private:
  Value evaluate_node(const Node& expr, const Value& input, const FramePtr& env);
  Value evaluate_path(const Node& expr, const Value& input, const FramePtr& env);
  Value evaluate_step(const Node& step, const Value& input, const FramePtr& env, bool last_step);
  Value evaluate_tuple_step(const Node& step, const Value& input, const Value& tuples, const FramePtr& env);
  Value evaluate_stages(const std::vector<Node::Stage>& stages, Value input, const FramePtr& env);
  Value evaluate_filter(const Node& predicate, const Value& input, const FramePtr& env);
  Value evaluate_binary(const Node& expr, const Value& input, const FramePtr& env);
  Value evaluate_concat(const Node& expr, const Value& input, const FramePtr& env);
  Value evaluate_unary(const Node& expr, const Value& input, const FramePtr& env);
  Value evaluate_group(const std::vector<Node::Pair>& pairs, int position, const Value& input, const FramePtr& env);
  Value evaluate_sort(const Node& sort, const Value& input, const FramePtr& env);
  Value evaluate_function(const Node& expr, const Value& input, const FramePtr& env, const Value* context);
  Value evaluate_partial(const Node& expr, const Value& input, const FramePtr& env);
  Value evaluate_apply(const Node& expr, const Value& input, const FramePtr& env);
  Value evaluate_transform(const Node& expr, const Value& input, const FramePtr& env);
  Value evaluate_lambda(const Node& expr, const Value& input, const FramePtr& env);

  Value apply_inner(const Value& procedure, std::vector<Value> args, const Value& input, const FramePtr& env,
                    std::string_view name);
  Value apply_procedure(const FunctionData& lambda, const std::vector<Value>& args);
  std::vector<Value> validate_arguments(const Signature& signature, std::vector<Value> args, const Value& context,
                                        std::string_view name);
  Value partial_apply_lambda(const FunctionData& lambda, const std::vector<Value>& args,
                             const std::vector<bool>& placeholder, const FramePtr& env);

  FramePtr frame_from_tuple(const FramePtr& env, const Value& tuple);
  void enter();


  std::shared_ptr<const void> tree_;
  EvaluationLimits limits_;
  std::optional<std::chrono::steady_clock::time_point> started_;  // the first clock sample
  mutable std::optional<std::int64_t> now_ms_;
  int depth_ = 0;
  // Frames a `:=` bound into: the only way a closure can end up in a frame its own scope
  // reaches, a reference cycle that outlives the evaluation unless release_bound_frames() breaks it.
  std::vector<FramePtr> bound_frames_;
  unsigned entries_ = 0;  // evaluations entered: the clock is read once every 256 of them
};

}  // namespace jobflow::jsonata
