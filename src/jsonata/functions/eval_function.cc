#include "jsonata/functions/eval_function.h"

#include <memory>
#include <string>

#include "jsonata/eval/evaluator.h"
#include "jsonata/syntax/ast_processor.h"
#include "jsonata/syntax/parser.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/sequence.h"

namespace jobflow::jsonata {
namespace {

JResult<std::shared_ptr<const SyntaxTree>> compile(std::string_view text) {
  auto raw = Parser::parse(text);
  if (!raw) return std::unexpected(raw.error());
  auto tree = AstProcessor::process(std::move(*raw));
  if (!tree) return std::unexpected(tree.error());
  return std::make_shared<const SyntaxTree>(std::move(*tree));
}

Value eval(NativeCall& call, std::span<const Value> a) {
  const Value& expression = argument(a, 0);
  const Value& focus = argument(a, 1);
  if (expression.is_undefined()) return {};
  Value input = call.input;
  if (!focus.is_undefined()) {
    input = focus;
    if (input.is_array() && !input.is_sequence()) {
      auto wrapper = sequence_of(input);
      wrapper->outer_wrapper = true;
      input = Value::array(std::move(wrapper));
    }
  }
  auto tree = compile(expression.as_string());
  if (!tree) throw error("D3120", {ErrorInsert::text("value", tree.error().message)});
  try {
    return call.evaluator.evaluate_tree(*tree, input, call.environment);
  } catch (const JsonataError& e) {
    throw error("D3121", {ErrorInsert::text("value", e.message)});
  }
}

}  // namespace

void register_eval_function(FunctionRegistry& r) { r.define("eval", "<sx?:x>", 2, eval); }

}  // namespace jobflow::jsonata
