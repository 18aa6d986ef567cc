#include "jsonata/eval/evaluator.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <unordered_map>

#include "jsonata/value/array_data.h"
#include "jsonata/value/equality.h"
#include "jsonata/value/lookup.h"
#include "jsonata/value/object_data.h"
#include "jsonata/value/sequence.h"
#include "jsonata/value/string_order.h"
#include "jsonata/value/stringify.h"
#include "jsonata/value/truthiness.h"

namespace jobflow::jsonata {
namespace {

// A value as the reference's messages quote it (JSON.stringify; "undefined" for none).
std::string quoted(const Value& value) {
  if (value.is_undefined()) return "undefined";
  if (value.is_number() && !std::isfinite(value.as_number())) return "null";
  auto text = json_stringify(value);
  return text ? *text : std::string("undefined");
}

[[noreturn]] void raise(std::string_view code, int position, std::initializer_list<ErrorInsert> inserts = {}) {
  JsonataError e = error(code, inserts);
  e.position = position;
  throw e;
}

ErrorInsert value_insert(std::string_view name, const Value& value) { return ErrorInsert::literal(name, quoted(value)); }

bool is_lambda(const Value& v) { return v.is_function() && v.as_function().kind == FunctionData::Kind::kLambda; }

Value array_value(std::shared_ptr<ArrayData> a) { return Value::array(std::move(a)); }

std::shared_ptr<ArrayData> copy_array(const Value& array) {
  auto out = std::make_shared<ArrayData>();
  out->items.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) out->items.push_back(array.at(i));
  if (auto* owned = array.owned_array()) {
    out->sequence = owned->sequence;
    out->keep_singleton = owned->keep_singleton;
    out->cons = owned->cons;
    out->outer_wrapper = owned->outer_wrapper;
    out->tuple_stream = owned->tuple_stream;
  }
  return out;
}

// Flags can be set only on an array the evaluator owns: a borrowed JSON array is copied (its
// spine, not its members) the first time.
ArrayData& owned(Value& array) {
  if (!array.owned_array()) array = Value::array(copy_array(array));
  return *array.owned_array();
}

bool is_array_of_strings(const Value& v) {
  if (!v.is_array()) return false;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!v.at(i).is_string()) return false;
  return true;
}

Value tuple_get(const Value& tuple, std::string_view key) { return tuple.get(key); }

// A binary operator, decoded from its symbol with a few character tests (the evaluator's
// hottest branch: every comparison and arithmetic in a filter over a large array).
enum class BinaryOp { kAnd, kOr, kAdd, kSubtract, kMultiply, kDivide, kModulo, kEqual, kNotEqual, kLess,
                      kLessEqual, kGreater, kGreaterEqual, kConcat, kRange, kIn, kOther };

BinaryOp binary_op(const std::string& op) {
  switch (op.size()) {
    case 1:
      switch (op[0]) {
        case '+': return BinaryOp::kAdd;
        case '-': return BinaryOp::kSubtract;
        case '*': return BinaryOp::kMultiply;
        case '/': return BinaryOp::kDivide;
        case '%': return BinaryOp::kModulo;
        case '=': return BinaryOp::kEqual;
        case '<': return BinaryOp::kLess;
        case '>': return BinaryOp::kGreater;
        case '&': return BinaryOp::kConcat;
        default: return BinaryOp::kOther;
      }
    case 2:
      if (op[1] == '=') {
        if (op[0] == '!') return BinaryOp::kNotEqual;
        if (op[0] == '<') return BinaryOp::kLessEqual;
        if (op[0] == '>') return BinaryOp::kGreaterEqual;
      }
      if (op[0] == 'o' && op[1] == 'r') return BinaryOp::kOr;
      if (op[0] == '.' && op[1] == '.') return BinaryOp::kRange;
      if (op[0] == 'i' && op[1] == 'n') return BinaryOp::kIn;
      return BinaryOp::kOther;
    case 3: return op == "and" ? BinaryOp::kAnd : BinaryOp::kOther;
    default: return BinaryOp::kOther;
  }
}

// A path step that is a plain field name (or, first in its path, a variable): no predicate,
// index, focus, group, tuple or parent binding. A chain of such steps over objects is walked
// directly, without building the one-item sequences of the general path algorithm.
bool is_plain_step(const Node& step, bool first) {
  return (step.type == Node::Type::kName || (first && step.type == Node::Type::kVariable)) && step.stages.empty() &&
         step.predicate.empty() && !step.has_group && !step.tuple && !step.keep_array && !step.focus && !step.index &&
         step.ancestor_label.empty() && !step.cons_array;
}

}  // namespace

Evaluator::Evaluator(EvaluationLimits limits) : limits_(limits) {}

std::int64_t Evaluator::now_ms() const {
  if (!now_ms_) {
    now_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                  .count();
  }
  return *now_ms_;
}

Value Evaluator::evaluate_tree(const std::shared_ptr<const SyntaxTree>& tree, const Value& input, const FramePtr& env) {
  auto outer = tree_;
  tree_ = tree;
  struct Restore {
    std::shared_ptr<const void>& slot;
    std::shared_ptr<const void> saved;
    ~Restore() { slot = std::move(saved); }
  } restore{tree_, std::move(outer)};
  return evaluate(*tree->root, input, env);
}

bool Evaluator::is_numeric(const Value& value) {
  if (!value.is_number()) return false;
  const double n = value.as_number();
  if (std::isnan(n)) return false;
  if (!std::isfinite(n)) throw error("D1001", {ErrorInsert::literal("value", "null")});
  return true;
}

int Evaluator::arity(const Value& procedure) {
  if (!procedure.is_function()) return 0;
  const FunctionData& f = procedure.as_function();
  switch (f.kind) {
    case FunctionData::Kind::kLambda: return static_cast<int>(f.parameters.size());
    case FunctionData::Kind::kNative: return f.arity;
    case FunctionData::Kind::kRegex: return 2;
    case FunctionData::Kind::kChain: return 1;
  }
  return 0;
}

void Evaluator::enter() {
  ++depth_;
  if (limits_.max_depth > 0 && depth_ > limits_.max_depth)
    throw error("D1011", {ErrorInsert::literal("value", std::to_string(limits_.max_depth))});
  // Reading the clock at every node would cost more than most nodes do; a runaway expression
  // enters thousands of nodes per millisecond, so a sample every 256 keeps the limit within a
  // millisecond. The clock starts at the first sample: the short evaluations that make up most
  // of the work never read it.
  if (limits_.timeout.count() > 0 && (++entries_ & 0xFFu) == 0) {
    auto now = std::chrono::steady_clock::now();
    if (!started_) {
      started_ = now;
    } else if (now - *started_ > limits_.timeout) {
      throw error("D1012", {ErrorInsert::literal("value", std::to_string(limits_.timeout.count()))});
    }
  }
}

namespace {

bool holds_function(const Value& value) {
  if (value.is_function()) return true;
  if (value.json() != nullptr) return false;  // a borrowed JSON document holds none
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (holds_function(value.at(i))) return true;
    }
  } else if (value.is_object()) {
    bool found = false;
    value.for_each_member([&](std::string_view, const Value& member) { found = found || holds_function(member); });
    return found;
  }
  return false;
}

}  // namespace

void Evaluator::release_bound_frames(const Value& result) {
  if (bound_frames_.empty() || holds_function(result)) return;
  for (const FramePtr& frame : bound_frames_) frame->clear();
  bound_frames_.clear();
}

FramePtr Evaluator::frame_from_tuple(const FramePtr& env, const Value& tuple) {
  auto frame = std::make_shared<Frame>(env);
  tuple.for_each_member([&](std::string_view key, const Value& value) { frame->bind(key, value); });
  return frame;
}

Value Evaluator::evaluate(const Node& expr, const Value& input, const FramePtr& env) {
  enter();
  struct Leave {
    int& depth;
    ~Leave() { --depth; }
  } leave{depth_};

  Value result = evaluate_node(expr, input, env);

  for (const auto& stage : expr.predicate) result = evaluate_filter(*stage.expression, result, env);
  if (expr.type != Node::Type::kPath && expr.has_group) result = evaluate_group(expr.group, expr.group_position, result, env);

  if (result.is_sequence() && !result.is_tuple_stream()) {
    if (expr.keep_array) owned(result).keep_singleton = true;
    if (result.size() == 0) return {};
    if (result.size() == 1) return result.keep_singleton() ? result : result.at(0);
  }
  return result;
}

Value Evaluator::evaluate_node(const Node& expr, const Value& input, const FramePtr& env) {
  switch (expr.type) {
    case Node::Type::kPath: return evaluate_path(expr, input, env);
    case Node::Type::kBinary: return evaluate_binary(expr, input, env);
    case Node::Type::kUnary: return evaluate_unary(expr, input, env);
    case Node::Type::kName: return lookup(input, expr.value);
    case Node::Type::kString: return Value::string(expr.value);
    case Node::Type::kNumber: return Value::number(expr.number);
    case Node::Type::kValue:
      return expr.literal == Node::Literal::kNull ? Value::null() : Value::boolean(expr.literal == Node::Literal::kTrue);
    case Node::Type::kWildcard: {
      auto results = new_sequence();
      Value target = input;
      if (target.outer_wrapper() && target.size() > 0) target = target.at(0);
      auto add = [&](const Value& value) {
        if (value.is_array()) {
          auto flat = std::make_shared<ArrayData>();
          flatten_into(value, *flat);
          for (auto& v : flat->items) results->items.push_back(std::move(v));
        } else {
          results->items.push_back(value);
        }
      };
      if (target.is_array()) {
        for (std::size_t i = 0; i < target.size(); ++i) add(target.at(i));
      } else if (target.is_object()) {
        target.for_each_member([&](std::string_view, const Value& value) { add(value); });
      }
      return array_value(std::move(results));
    }
    case Node::Type::kDescendant: {
      if (input.is_undefined()) return {};
      auto results = new_sequence();
      std::function<void(const Value&)> recurse = [&](const Value& value) {
        if (!value.is_array()) results->items.push_back(value);
        if (value.is_array()) {
          for (std::size_t i = 0; i < value.size(); ++i) recurse(value.at(i));
        } else if (value.is_object()) {
          value.for_each_member([&](std::string_view, const Value& member) { recurse(member); });
        }
      };
      recurse(input);
      if (results->items.size() == 1) return results->items.front();
      return array_value(std::move(results));
    }
    case Node::Type::kParent: return env->lookup(expr.parent_label);
    case Node::Type::kCondition: {
      Value condition = evaluate(*expr.condition, input, env);
      if (to_boolean(condition).value_or(false)) return evaluate(*expr.then, input, env);
      if (expr.otherwise) return evaluate(*expr.otherwise, input, env);
      return {};
    }
    case Node::Type::kBlock: {
      if (!expr.own_scope) {
        Value result;
        for (const auto& e : expr.expressions) result = evaluate(*e, input, env);
        return result;
      }
      auto frame = std::make_shared<Frame>(env);
      Value result;
      for (const auto& e : expr.expressions) result = evaluate(*e, input, frame);
      return result;
    }
    case Node::Type::kBind: {
      Value value = evaluate(*expr.rhs, input, env);
      env->bind(expr.lhs->value, value);
      if (value.is_function() || value.is_array() || value.is_object()) bound_frames_.push_back(env);
      return value;
    }
    case Node::Type::kRegex: {
      auto regex = std::make_shared<FunctionData>();
      regex->kind = FunctionData::Kind::kRegex;
      regex->pattern = expr.value;
      regex->flags = expr.flags;
      return Value::function(std::move(regex));
    }
    case Node::Type::kFunction: return evaluate_function(expr, input, env, nullptr);
    case Node::Type::kVariable:
      if (expr.value.empty()) return input.outer_wrapper() && input.size() > 0 ? input.at(0) : input;
      return env->lookup(expr.value);
    case Node::Type::kLambda: return evaluate_lambda(expr, input, env);
    case Node::Type::kPartial: return evaluate_partial(expr, input, env);
    case Node::Type::kApply: return evaluate_apply(expr, input, env);
    case Node::Type::kTransform: return evaluate_transform(expr, input, env);
    case Node::Type::kSort: return evaluate_sort(expr, input, env);
    default: return {};
  }
}

Value Evaluator::evaluate_path(const Node& expr, const Value& input, const FramePtr& env) {
  const std::size_t n = expr.steps.size();
  const bool absolute = expr.steps.front()->type == Node::Type::kVariable;
  Value result_sequence;
  Value input_sequence;
  std::size_t first = 0;  // the first step the general algorithm below evaluates
  // Leading plain steps over single values (objects): each gives one value or none, so they are
  // walked directly. What the general algorithm makes of them is the same: a one-item sequence
  // per step, or an empty one that ends the path.
  if (absolute || !input.is_array()) {
    Value current = input;
    bool ended = false;
    for (; first < n && is_plain_step(*expr.steps[first], first == 0); ++first) {
      const Node& step = *expr.steps[first];
      Value next;
      if (step.type == Node::Type::kName) {
        next = current.get(step.value);
      } else if (step.value.empty()) {
        next = input.outer_wrapper() && input.size() > 0 ? input.at(0) : input;
      } else {
        next = env->lookup(step.value);
      }
      if (next.is_undefined()) {
        result_sequence = array_value(new_sequence());
        ended = true;
        break;
      }
      if (next.is_array()) {
        // The last step's array is the path's value as it is; otherwise the general algorithm
        // takes over from this step.
        if (first == n - 1 && !next.is_sequence()) {
          result_sequence = std::move(next);
          ended = true;
        }
        break;
      }
      current = std::move(next);
    }
    if (!ended && first == n) {
      if (!expr.keep_singleton_array && !expr.has_group) return current;  // as evaluate() unwraps [current]
      result_sequence = array_value(sequence_of(current));
      ended = true;
    }
    if (ended) {
      first = n;
    } else if (first > 0) {
      input_sequence = array_value(sequence_of(current));
    }
  }
  // A path that starts with a variable ($x.a, $$.a) is absolute: it does not map over the input.
  if (first == 0) input_sequence = input.is_array() && !absolute ? input : array_value(sequence_of(input));
  bool tuple_stream = false;
  Value tuples;  // the tuple stream, once a step needs one
  for (std::size_t i = first; i < n; ++i) {
    const Node& step = *expr.steps[i];
    if (step.tuple) tuple_stream = true;
    if (i == 0 && step.cons_array) {
      result_sequence = evaluate(step, input_sequence, env);
    } else if (tuple_stream) {
      tuples = evaluate_tuple_step(step, input_sequence, tuples, env);
    } else {
      result_sequence = evaluate_step(step, input_sequence, env, i == n - 1);
    }
    if (!tuple_stream && (result_sequence.is_undefined() || (result_sequence.is_array() && result_sequence.size() == 0)))
      break;
    if (!step.focus) input_sequence = result_sequence;
  }
  if (tuple_stream) {
    if (expr.tuple) {
      result_sequence = tuples;
    } else {
      auto values = new_sequence();
      for (std::size_t i = 0; i < tuples.size(); ++i) values->items.push_back(tuple_get(tuples.at(i), "@"));
      result_sequence = array_value(std::move(values));
    }
  }
  if (expr.keep_singleton_array && !result_sequence.is_undefined()) {
    if (result_sequence.is_array() && result_sequence.is_cons() && !result_sequence.is_sequence())
      result_sequence = array_value(sequence_of(result_sequence));
    if (result_sequence.is_array()) owned(result_sequence).keep_singleton = true;
  }
  if (expr.has_group)
    result_sequence = evaluate_group(expr.group, expr.group_position, tuple_stream ? tuples : result_sequence, env);
  return result_sequence;
}

Value Evaluator::evaluate_step(const Node& step, const Value& input, const FramePtr& env, bool last_step) {
  if (step.type == Node::Type::kSort) {
    Value result = evaluate_sort(step, input, env);
    if (!step.stages.empty()) result = evaluate_stages(step.stages, result, env);
    return result;
  }
  std::vector<Value> results;
  results.reserve(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) {
    Value res = evaluate(step, input.at(i), env);
    for (const auto& stage : step.stages) res = evaluate_filter(*stage.expression, res, env);
    if (!res.is_undefined()) results.push_back(std::move(res));
  }
  if (last_step && results.size() == 1 && results[0].is_array() && !results[0].is_sequence()) return results[0];
  auto sequence = new_sequence();
  for (auto& res : results) {
    if (!res.is_array() || res.is_cons()) {
      sequence->items.push_back(std::move(res));
    } else {
      for (std::size_t j = 0; j < res.size(); ++j) sequence->items.push_back(res.at(j));
    }
  }
  return array_value(std::move(sequence));
}

Value Evaluator::evaluate_stages(const std::vector<Node::Stage>& stages, Value input, const FramePtr& env) {
  for (const auto& stage : stages) {
    if (stage.kind == Node::Stage::Kind::kFilter) {
      input = evaluate_filter(*stage.expression, input, env);
    } else {
      for (std::size_t i = 0; i < input.size(); ++i) {
        Value tuple = input.at(i);
        if (auto* object = tuple.owned_object()) object->set(stage.variable, Value::number(static_cast<double>(i)));
      }
    }
  }
  return input;
}

Value Evaluator::evaluate_tuple_step(const Node& step, const Value& input, const Value& tuples, const FramePtr& env) {
  if (step.type == Node::Type::kSort) {
    Value result;
    if (!tuples.is_undefined()) {
      result = evaluate_sort(step, tuples, env);
    } else {
      Value sorted = evaluate_sort(step, input, env);
      auto stream = new_sequence();
      stream->tuple_stream = true;
      for (std::size_t i = 0; i < sorted.size(); ++i) {
        auto tuple = std::make_shared<ObjectData>();
        tuple->set("@", sorted.at(i));
        if (step.index) tuple->set(*step.index, Value::number(static_cast<double>(i)));
        stream->items.push_back(Value::object(std::move(tuple)));
      }
      result = array_value(std::move(stream));
    }
    if (!step.stages.empty()) result = evaluate_stages(step.stages, result, env);
    return result;
  }

  auto result = new_sequence();
  result->tuple_stream = true;
  std::vector<Value> bindings;
  if (tuples.is_undefined()) {
    for (std::size_t i = 0; i < input.size(); ++i) {
      auto tuple = std::make_shared<ObjectData>();
      tuple->set("@", input.at(i));
      bindings.push_back(Value::object(std::move(tuple)));
    }
  } else {
    for (std::size_t i = 0; i < tuples.size(); ++i) bindings.push_back(tuples.at(i));
  }
  for (const Value& binding : bindings) {
    FramePtr step_env = frame_from_tuple(env, binding);
    const Value context = tuple_get(binding, "@");
    Value res = evaluate(step, context, step_env);
    if (res.is_undefined()) continue;
    if (!res.is_array()) res = array_value(sequence_of(res));
    const bool res_tuples = res.is_tuple_stream();
    for (std::size_t b = 0; b < res.size(); ++b) {
      auto tuple = std::make_shared<ObjectData>();
      binding.for_each_member([&](std::string_view key, const Value& value) { tuple->set(std::string(key), value); });
      if (res_tuples) {
        res.at(b).for_each_member([&](std::string_view key, const Value& value) { tuple->set(std::string(key), value); });
      } else {
        if (step.focus) {
          tuple->set(*step.focus, res.at(b));
          tuple->set("@", context);
        } else {
          tuple->set("@", res.at(b));
        }
        if (step.index) tuple->set(*step.index, Value::number(static_cast<double>(b)));
        if (!step.ancestor_label.empty()) tuple->set(step.ancestor_label, context);
      }
      result->items.push_back(Value::object(std::move(tuple)));
    }
  }
  Value out = array_value(std::move(result));
  if (!step.stages.empty()) out = evaluate_stages(step.stages, out, env);
  return out;
}

Value Evaluator::evaluate_filter(const Node& predicate, const Value& input, const FramePtr& env) {
  auto results = new_sequence();
  const bool tuples = input.is_tuple_stream();
  if (tuples) results->tuple_stream = true;
  Value items = input.is_array() ? input : array_value(sequence_of(input));
  const auto length = static_cast<double>(items.size());
  if (predicate.type == Node::Type::kNumber) {
    double index = std::floor(predicate.number);
    if (index < 0) index += length;
    if (index >= 0 && index < length) {
      Value item = items.at(static_cast<std::size_t>(index));
      if (!item.is_undefined()) {
        if (item.is_array()) return item;
        results->items.push_back(std::move(item));
      }
    }
    return array_value(std::move(results));
  }
  for (std::size_t index = 0; index < items.size(); ++index) {
    Value item = items.at(index);
    Value context = item;
    FramePtr item_env = env;
    if (tuples) {
      context = tuple_get(item, "@");
      item_env = frame_from_tuple(env, item);
    }
    Value res = evaluate(predicate, context, item_env);
    if (is_numeric(res)) res = array_value(sequence_of(res));
    bool numbers = res.is_array();
    for (std::size_t i = 0; numbers && i < res.size(); ++i) numbers = is_numeric(res.at(i));
    if (numbers) {
      for (std::size_t i = 0; i < res.size(); ++i) {
        double position = std::floor(res.at(i).as_number());
        if (position < 0) position += length;
        if (position == static_cast<double>(index)) results->items.push_back(item);
      }
    } else if (to_boolean(res).value_or(false)) {
      results->items.push_back(item);
    }
  }
  return array_value(std::move(results));
}

namespace {

// A node evaluate() returns as evaluate_node() makes it: no predicate, group or [] on it.
bool is_plain(const Node& node) { return node.predicate.empty() && !node.has_group && !node.keep_array; }

// An operand of & as text, $string's (undefined: nothing); a conversion error gets the position
// of the & that converts it, as evaluate_binary gives it.
void append_text(std::string& text, const Value& value, const Node& at) {
  if (value.is_undefined()) return;
  if (value.is_string()) {
    text += value.as_string();
    return;
  }
  auto s = jsonata_string(value);
  if (!s) {
    JsonataError e = std::move(s.error());
    if (e.position < 0) e.position = at.position;
    if (e.token.empty()) e.token = at.value;
    throw e;
  }
  text += s->value_or("");
}

}  // namespace

// a & b & c …: the left-associative chain ((a & b) & c) built into one string instead of one
// string per &, in the nested form's order: a and b evaluated, then both converted; then each
// further operand evaluated and converted. A string literal operand is appended as it is.
Value Evaluator::evaluate_concat(const Node& expr, const Value& input, const FramePtr& env) {
  const Node* chain[16];
  std::size_t depth = 0;
  const Node* inner = &expr;
  chain[depth++] = inner;
  while (depth < std::size(chain) && inner->lhs->type == Node::Type::kBinary && inner->lhs->value == "&" &&
         is_plain(*inner->lhs)) {
    inner = inner->lhs.get();
    chain[depth++] = inner;
  }
  auto literal = [](const Node& operand) { return operand.type == Node::Type::kString && is_plain(operand); };
  std::string text;
  // The innermost &: both operands evaluated before either is converted.
  {
    const Node& a = *inner->lhs;
    const Node& b = *inner->rhs;
    Value va = literal(a) ? Value() : evaluate(a, input, env);
    Value vb = literal(b) ? Value() : evaluate(b, input, env);
    if (literal(a)) text += a.value;
    else append_text(text, va, *inner);
    if (literal(b)) text += b.value;
    else append_text(text, vb, *inner);
  }
  for (std::size_t level = depth - 1; level-- > 0;) {
    const Node& node = *chain[level];
    const Node& operand = *node.rhs;
    if (literal(operand)) {
      text += operand.value;
    } else {
      append_text(text, evaluate(operand, input, env), node);
    }
  }
  return Value::string(std::move(text));
}

Value Evaluator::evaluate_binary(const Node& expr, const Value& input, const FramePtr& env) {
  const std::string& op = expr.value;
  const BinaryOp code = binary_op(op);
  if (code == BinaryOp::kConcat) return evaluate_concat(expr, input, env);
  Value lhs = evaluate(*expr.lhs, input, env);
  auto boolean = [](const Value& v) { return to_boolean(v).value_or(false); };
  if (code == BinaryOp::kAnd) return Value::boolean(boolean(lhs) && boolean(evaluate(*expr.rhs, input, env)));
  if (code == BinaryOp::kOr) return Value::boolean(boolean(lhs) || boolean(evaluate(*expr.rhs, input, env)));

  Value rhs = evaluate(*expr.rhs, input, env);
  auto raise_here = [&](std::string_view code, std::vector<std::pair<std::string_view, Value>> values) {
    JsonataError e;
    switch (values.size()) {
      case 0: e = error(code, {ErrorInsert::text("token", op)}); break;
      case 1: e = error(code, {ErrorInsert::text("token", op), value_insert(values[0].first, values[0].second)}); break;
      default:
        e = error(code, {ErrorInsert::text("token", op), value_insert(values[0].first, values[0].second),
                         value_insert(values[1].first, values[1].second)});
    }
    e.position = expr.position;
    throw e;
  };
  try {
    switch (code) {
      case BinaryOp::kAdd:
      case BinaryOp::kSubtract:
      case BinaryOp::kMultiply:
      case BinaryOp::kDivide:
      case BinaryOp::kModulo: {
        if (!lhs.is_undefined() && !is_numeric(lhs)) raise_here("T2001", {{"value", lhs}});
        if (!rhs.is_undefined() && !is_numeric(rhs)) raise_here("T2002", {{"value", rhs}});
        if (lhs.is_undefined() || rhs.is_undefined()) return {};
        const double a = lhs.as_number(), b = rhs.as_number();
        switch (code) {
          case BinaryOp::kAdd: return Value::number(a + b);
          case BinaryOp::kSubtract: return Value::number(a - b);
          case BinaryOp::kMultiply: return Value::number(a * b);
          case BinaryOp::kDivide: return Value::number(a / b);
          default: return Value::number(std::fmod(a, b));
        }
      }
      case BinaryOp::kEqual:
      case BinaryOp::kNotEqual: {
        if (lhs.is_undefined() || rhs.is_undefined()) return Value::boolean(false);
        const bool equal = deep_equal(lhs, rhs);
        return Value::boolean(code == BinaryOp::kEqual ? equal : !equal);
      }
      case BinaryOp::kLess:
      case BinaryOp::kLessEqual:
      case BinaryOp::kGreater:
      case BinaryOp::kGreaterEqual: {
        auto comparable = [](const Value& v) { return v.is_undefined() || v.is_string() || v.is_number(); };
        if (!comparable(lhs) || !comparable(rhs)) {
          const bool left_bad = !(lhs.is_string() || lhs.is_number());
          raise_here("T2010", {{"value", left_bad ? lhs : rhs}});
        }
        if (lhs.is_undefined() || rhs.is_undefined()) return {};
        if (lhs.kind() != rhs.kind()) raise_here("T2009", {{"value", lhs}, {"value2", rhs}});
        int order;
        if (lhs.is_number()) {
          const double a = lhs.as_number(), b = rhs.as_number();
          if (std::isnan(a) || std::isnan(b)) return Value::boolean(false);
          order = a < b ? -1 : a > b ? 1 : 0;
        } else {
          const auto a = lhs.as_string(), b = rhs.as_string();
          order = js_string_less(a, b) ? -1 : js_string_less(b, a) ? 1 : 0;
        }
        if (code == BinaryOp::kLess) return Value::boolean(order < 0);
        if (code == BinaryOp::kLessEqual) return Value::boolean(order <= 0);
        if (code == BinaryOp::kGreater) return Value::boolean(order > 0);
        return Value::boolean(order >= 0);
      }
      case BinaryOp::kConcat: {
        std::string text;
        for (const Value* side : {&lhs, &rhs}) {
          if (side->is_undefined()) continue;
          if (side->is_string()) {
            text += side->as_string();
            continue;
          }
          auto s = jsonata_string(*side);
          if (!s) throw s.error();
          text += s->value_or("");
        }
        return Value::string(std::move(text));
      }
      case BinaryOp::kRange: {
        auto integer = [](const Value& v) {
          return v.is_number() && std::isfinite(v.as_number()) && std::trunc(v.as_number()) == v.as_number();
        };
        if (!lhs.is_undefined() && !integer(lhs)) raise_here("T2003", {{"value", lhs}});
        if (!rhs.is_undefined() && !integer(rhs)) raise_here("T2004", {{"value", rhs}});
        if (lhs.is_undefined() || rhs.is_undefined()) return {};
        const double from = lhs.as_number(), to = rhs.as_number();
        if (from > to) return {};
        const double size = to - from + 1;
        if (size > 1e7) raise_here("D2014", {{"value", Value::number(size)}});
        auto range = new_sequence();
        range->items.reserve(static_cast<std::size_t>(size));
        for (double n = from; n <= to; ++n) range->items.push_back(Value::number(n));
        return array_value(std::move(range));
      }
      case BinaryOp::kIn: {
        if (lhs.is_undefined() || rhs.is_undefined()) return Value::boolean(false);
        if (!rhs.is_array()) return Value::boolean(strict_equal(rhs, lhs));
        for (std::size_t i = 0; i < rhs.size(); ++i)
          if (strict_equal(rhs.at(i), lhs)) return Value::boolean(true);
        return Value::boolean(false);
      }
      default: break;
    }
  } catch (JsonataError& e) {
    if (e.position < 0) e.position = expr.position;
    if (e.token.empty()) e.token = op;
    throw;
  }
  return {};
}

Value Evaluator::evaluate_unary(const Node& expr, const Value& input, const FramePtr& env) {
  if (expr.value == "-") {
    Value operand = evaluate(*expr.expression, input, env);
    if (operand.is_undefined()) return {};
    if (is_numeric(operand)) return Value::number(-operand.as_number());
    raise("D1002", expr.position, {ErrorInsert::text("token", "-"), value_insert("value", operand)});
  }
  if (expr.value == "[") {
    Value result = Value::array(std::make_shared<ArrayData>());
    for (const auto& item : expr.expressions) {
      Value value = evaluate(*item, input, env);
      if (value.is_undefined()) continue;
      if (item->type == Node::Type::kUnary && item->value == "[") {
        owned(result).items.push_back(std::move(value));
      } else {
        result = append(result, value);
      }
    }
    if (expr.cons_array) owned(result).cons = true;
    return result;
  }
  // "{": an object constructor groups its input.
  return evaluate_group(expr.pairs, expr.position, input, env);
}

Value Evaluator::evaluate_group(const std::vector<Node::Pair>& pairs, int position, const Value& input,
                                const FramePtr& env) {
  const bool reduce = input.is_tuple_stream();
  if (!input.is_array()) {
    // One item (an object constructor's usual input, e.g. each step of items.{...}): one group
    // per key, no grouping to do.
    struct Key {
      std::string name;
      std::size_t pair_index;
    };
    std::vector<Key> keys;
    keys.reserve(pairs.size());
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      Value key = evaluate(*pairs[p].first, input, env);
      if (key.is_undefined()) continue;
      if (!key.is_string()) raise("T1003", position, {value_insert("value", key)});
      const std::string_view name = key.as_string();
      for (const Key& k : keys)
        if (k.name == name) raise("D1009", position, {value_insert("value", key)});
      keys.push_back({std::string(name), p});
    }
    if (std::any_of(keys.begin(), keys.end(), [](const Key& k) { return ObjectData::is_array_index(k.name); })) {
      std::stable_sort(keys.begin(), keys.end(),
                       [](const Key& a, const Key& b) { return ObjectData::js_key_before(a.name, b.name); });
    }
    auto result = std::make_shared<ObjectData>();
    result->reserve(keys.size());
    for (Key& k : keys) {
      Value value = evaluate(*pairs[k.pair_index].second, input, env);
      if (!value.is_undefined()) result->set(std::move(k.name), std::move(value));
    }
    return Value::object(std::move(result));
  }
  std::vector<Value> items;
  items.reserve(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) items.push_back(input.at(i));
  // An empty input still makes one (literal) object.
  if (items.empty() && !reduce) items.emplace_back();

  // A group's data: its first item, then the items of every later one appended (the reference's
  // fn.append, one at a time), built in one array instead of a new copy per item.
  struct Group {
    std::string key;
    Value data;
    std::size_t pair_index;
    std::shared_ptr<ArrayData> appended = {};

    void append_item(const Value& item) {
      if (!appended) {
        if (data.is_undefined()) {
          data = item;
          return;
        }
        if (item.is_undefined()) return;
        appended = std::make_shared<ArrayData>();
        add_items(data);
      } else if (item.is_undefined()) {
        return;
      }
      add_items(item);
    }
    void add_items(const Value& v) {
      if (!v.is_array()) {
        appended->items.push_back(v);
        return;
      }
      for (std::size_t i = 0; i < v.size(); ++i) appended->items.push_back(v.at(i));
    }
    void finish() {
      if (appended) data = Value::array(std::move(appended));
    }
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> by_key;
  for (const Value& item : items) {
    FramePtr item_env = reduce ? frame_from_tuple(env, item) : env;
    const Value context = reduce ? tuple_get(item, "@") : item;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      Value key = evaluate(*pairs[p].first, context, item_env);
      if (key.is_undefined()) continue;
      if (!key.is_string()) raise("T1003", position, {value_insert("value", key)});
      std::string name(key.as_string());
      auto found = by_key.find(name);
      if (found == by_key.end()) {
        by_key.emplace(name, groups.size());
        groups.push_back({std::move(name), item, p});
        continue;
      }
      Group& group = groups[found->second];
      if (group.pair_index != p) raise("D1009", position, {value_insert("value", key)});
      group.append_item(item);
    }
  }
  for (Group& group : groups) group.finish();

  // The groups are visited in JavaScript's key order (array-index keys first).
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return ObjectData::js_key_before(groups[a].key, groups[b].key); });
  auto result = std::make_shared<ObjectData>();
  for (std::size_t i : order) {
    Group& group = groups[i];
    Value context = group.data;
    FramePtr group_env = env;
    if (reduce) {
      // The tuples of a group merge into one: each binding's values appended.
      auto merged = std::make_shared<ObjectData>();
      if (group.data.is_array()) {
        for (std::size_t t = 0; t < group.data.size(); ++t) {
          group.data.at(t).for_each_member([&](std::string_view key, const Value& value) {
            const Value* existing = merged->find(key);
            merged->set(std::string(key), t == 0 || !existing ? value : append(*existing, value));
          });
        }
      } else {
        group.data.for_each_member([&](std::string_view key, const Value& value) { merged->set(std::string(key), value); });
      }
      const Value* focus = merged->find("@");
      context = focus ? *focus : Value();
      merged->erase("@");
      group_env = frame_from_tuple(env, Value::object(std::move(merged)));
    }
    Value value = evaluate(*pairs[group.pair_index].second, context, group_env);
    if (!value.is_undefined()) result->set(group.key, std::move(value));
  }
  return Value::object(std::move(result));
}

Value Evaluator::evaluate_sort(const Node& sort, const Value& input, const FramePtr& env) {
  if (input.is_undefined()) return {};
  if (input.size() <= 1) return input;
  const bool tuples = input.is_tuple_stream();
  std::vector<Value> items;
  items.reserve(input.size());
  for (std::size_t i = 0; i < input.size(); ++i) items.push_back(input.at(i));

  // `after(a, b)`: a must come after b (the reference's comparator returning 1).
  auto after = [&](const Value& a, const Value& b) {
    for (const auto& term : sort.terms) {
      auto key = [&](const Value& item) {
        if (tuples) return evaluate(*term.expression, tuple_get(item, "@"), frame_from_tuple(env, item));
        return evaluate(*term.expression, item, env);
      };
      Value aa = key(a);
      Value bb = key(b);
      if (aa.is_undefined()) {
        if (bb.is_undefined()) continue;
        return true;
      }
      if (bb.is_undefined()) return false;
      const bool a_ok = aa.is_string() || aa.is_number();
      const bool b_ok = bb.is_string() || bb.is_number();
      if (!a_ok || !b_ok) raise("T2008", sort.position, {value_insert("value", !a_ok ? aa : bb)});
      if (aa.kind() != bb.kind()) raise("T2007", sort.position, {value_insert("value", aa), value_insert("value2", bb)});
      int comp;
      if (aa.is_number()) {
        const double x = aa.as_number(), y = bb.as_number();
        if (x == y) continue;
        comp = x < y ? -1 : 1;
      } else {
        const auto x = aa.as_string(), y = bb.as_string();
        if (x == y) continue;
        comp = js_string_less(x, y) ? -1 : 1;
      }
      if (term.descending) comp = -comp;
      return comp == 1;
    }
    return false;
  };
  std::stable_sort(items.begin(), items.end(), [&](const Value& x, const Value& y) { return after(y, x); });
  auto out = new_sequence();
  out->tuple_stream = tuples;
  out->items = std::move(items);
  return array_value(std::move(out));
}

Value Evaluator::evaluate_lambda(const Node& expr, const Value& input, const FramePtr& env) {
  auto lambda = std::make_shared<FunctionData>();
  lambda->kind = FunctionData::Kind::kLambda;
  for (const auto& argument : expr.arguments) lambda->parameters.push_back(argument->value);
  lambda->body = expr.body.get();  // a thunk's body is the tail call it stands for
  lambda->signature = expr.signature ? &*expr.signature : nullptr;
  lambda->input = input;
  lambda->environment = env;
  lambda->thunk = expr.thunk;
  lambda->tree = tree_;
  return Value::function(std::move(lambda));
}

Value Evaluator::evaluate_function(const Node& expr, const Value& input, const FramePtr& env, const Value* context) {
  Value procedure = evaluate(*expr.procedure, input, env);
  const bool named_path = expr.procedure->type == Node::Type::kPath && !expr.procedure->steps.empty();
  const std::string& name = named_path ? expr.procedure->steps.front()->value : expr.procedure->value;
  if (procedure.is_undefined() && named_path && !env->lookup(name).is_undefined())
    raise("T1005", expr.position, {ErrorInsert::text("token", name)});
  std::vector<Value> args;
  args.reserve(expr.arguments.size() + 1);
  if (context) args.push_back(*context);
  for (const auto& argument : expr.arguments) args.push_back(evaluate(*argument, input, env));
  try {
    return apply(procedure, std::move(args), input, env, name);
  } catch (JsonataError& e) {
    if (e.position < 0) e.position = expr.position;
    if (e.token.empty()) e.token = name;
    throw;
  }
}

Value Evaluator::apply(const Value& procedure, std::vector<Value> args, const Value& input, const FramePtr& env,
                       std::string_view name) {
  Value result = apply_inner(procedure, std::move(args), input, env, name);
  // The trampoline: a lambda whose body ended in a call returns that call as a thunk instead of
  // making it; run it here, so tail recursion does not grow the stack.
  while (is_lambda(result) && result.as_function().thunk) {
    const FunctionData& thunk = result.as_function();
    const Node& call = *thunk.body;
    Value next = evaluate(*call.procedure, thunk.input, thunk.environment);
    std::vector<Value> next_args;
    next_args.reserve(call.arguments.size());
    for (const auto& argument : call.arguments) next_args.push_back(evaluate(*argument, thunk.input, thunk.environment));
    const std::string_view next_name =
        call.procedure->type == Node::Type::kVariable ? std::string_view(call.procedure->value) : std::string_view();
    result = apply_inner(next, std::move(next_args), input, env, next_name);
  }
  return result;
}

Value Evaluator::apply_inner(const Value& procedure, std::vector<Value> args, const Value& input, const FramePtr& env,
                             std::string_view name) {
  if (!procedure.is_function()) raise("T1006", -1);
  const FunctionData& f = procedure.as_function();
  if (const Signature* signature = f.validation_signature())
    args = validate_arguments(*signature, std::move(args), input, name.empty() ? std::string_view(f.name) : name);
  switch (f.kind) {
    case FunctionData::Kind::kLambda: return apply_procedure(f, args);
    case FunctionData::Kind::kNative: {
      NativeCall call{*this, input, env};
      return f.implementation(call, args);
    }
    case FunctionData::Kind::kChain: {
      Value once = apply(f.first, std::move(args), input, env);
      return apply(f.second, {once}, input, env);
    }
    case FunctionData::Kind::kRegex: {
      // A regex applied as a function: the reference's matcher closure (the string library's).
      RegexApplication application = regex_application();
      if (!application) raise("T1006", -1);
      NativeCall call{*this, input, env};
      return application(call, f, args);
    }
  }
  return {};
}

Value Evaluator::apply_procedure(const FunctionData& lambda, const std::vector<Value>& args) {
  auto frame = std::make_shared<Frame>(lambda.environment);
  frame->reserve(lambda.parameters.size());
  for (std::size_t i = 0; i < lambda.parameters.size(); ++i)
    frame->bind(lambda.parameters[i], i < args.size() ? args[i] : Value());
  if (lambda.native) {
    // A partial application of a built-in: its parameters, bound or supplied, in order.
    std::vector<Value> native_args;
    native_args.reserve(static_cast<std::size_t>(lambda.native->arity));
    for (int i = 0; i < lambda.native->arity; ++i) native_args.push_back(frame->lookup(fmt::format("{}", i)));
    NativeCall call{*this, lambda.input, frame};
    return lambda.native->implementation(call, native_args);
  }
  return evaluate(*lambda.body, lambda.input, frame);
}

std::vector<Value> Evaluator::validate_arguments(const Signature& signature, std::vector<Value> args,
                                                 const Value& context, std::string_view name) {
  std::string symbols;
  symbols.reserve(args.size());
  for (const auto& a : args) symbols += a.type_symbol();
  const auto& params = signature.params();
  // The common case: one argument per parameter, each of a type the parameter accepts, none of
  // them '+'. The backtracking match tries exactly that first, so it is the match.
  bool one_each = args.size() == params.size();
  for (std::size_t p = 0; one_each && p < params.size(); ++p)
    one_each = params[p].quantifier != '+' && params[p].accepts.find(symbols[p]) != std::string::npos;
  std::optional<std::vector<std::string>> taken;
  if (!one_each) taken = signature.match(symbols);
  if (!one_each && !taken) {
    const std::size_t bad = signature.first_mismatch(symbols);
    JsonataError e = error("T0410", {ErrorInsert::text("token", name),
                                     ErrorInsert::literal("index", std::to_string(bad)),
                                     value_insert("value", bad - 1 < args.size() ? args[bad - 1] : Value())});
    e.value = std::to_string(bad);
    throw e;
  }
  std::vector<Value> validated;
  validated.reserve(std::max(args.size(), signature.params().size()));
  std::size_t arg_index = 0;
  for (std::size_t p = 0; p < params.size(); ++p) {
    const auto& param = params[p];
    const std::string_view match = one_each ? std::string_view(symbols).substr(p, 1) : std::string_view((*taken)[p]);
    if (match.empty()) {
      if (param.context) {
        // The context value stands in for the missing argument, if its type fits.
        const char type = context.type_symbol();
        if (param.accepts.find(type) == std::string::npos) {
          JsonataError e = error("T0411", {ErrorInsert::text("token", name),
                                           ErrorInsert::literal("index", std::to_string(arg_index + 1)),
                                           value_insert("value", context)});
          e.value = std::to_string(arg_index + 1);
          throw e;
        }
        validated.push_back(context);
      } else {
        validated.push_back(arg_index < args.size() ? args[arg_index] : Value());
        ++arg_index;
      }
      continue;
    }
    for (char single : match) {
      Value arg = arg_index < args.size() ? args[arg_index] : Value();
      if (param.type == 'a') {
        if (single == 'm') {
          arg = Value();
        } else {
          bool ok = true;
          if (!param.subtype.empty()) {
            if (single != 'a' && match != param.subtype) {
              ok = false;
            } else if (single == 'a' && arg.size() > 0) {
              const char item_type = arg.at(0).type_symbol();
              ok = item_type == param.subtype[0];
              for (std::size_t i = 1; ok && i < arg.size(); ++i) ok = arg.at(i).type_symbol() == item_type;
            }
          }
          if (!ok) {
            static const std::unordered_map<char, std::string_view> kPlural{
                {'a', "arrays"}, {'b', "booleans"}, {'f', "functions"}, {'n', "numbers"}, {'o', "objects"}, {'s', "strings"}};
            auto plural = kPlural.find(param.subtype[0]);
            JsonataError e = error(
                "T0412", {ErrorInsert::text("token", name), ErrorInsert::literal("index", std::to_string(arg_index + 1)),
                          (plural == kPlural.end() ? ErrorInsert::literal("type", "undefined") : ErrorInsert::text("type", plural->second)),
                          value_insert("value", arg)});
            e.value = std::to_string(arg_index + 1);
            throw e;
          }
          if (single != 'a') {
            // A single value where an array is expected: wrapped in one (a plain array).
            auto wrapped = std::make_shared<ArrayData>();
            wrapped->items.push_back(std::move(arg));
            arg = Value::array(std::move(wrapped));
          }
        }
      }
      validated.push_back(std::move(arg));
      ++arg_index;
    }
  }
  return validated;
}

Value Evaluator::evaluate_partial(const Node& expr, const Value& input, const FramePtr& env) {
  std::vector<Value> args;
  std::vector<bool> placeholder;
  for (const auto& argument : expr.arguments) {
    const bool is_placeholder = argument->type == Node::Type::kOperator && argument->value == "?";
    placeholder.push_back(is_placeholder);
    args.push_back(is_placeholder ? Value() : evaluate(*argument, input, env));
  }
  Value procedure = evaluate(*expr.procedure, input, env);
  const bool named_path = expr.procedure->type == Node::Type::kPath && !expr.procedure->steps.empty();
  const std::string name = named_path ? expr.procedure->steps.front()->value : expr.procedure->value;
  if (procedure.is_undefined() && named_path && !env->lookup(name).is_undefined())
    raise("T1007", expr.position, {ErrorInsert::text("token", name)});
  if (!procedure.is_function() || procedure.as_function().kind == FunctionData::Kind::kRegex ||
      procedure.as_function().kind == FunctionData::Kind::kChain)
    raise("T1008", expr.position, {ErrorInsert::text("token", name)});
  const FunctionData& f = procedure.as_function();
  if (f.kind == FunctionData::Kind::kLambda) return partial_apply_lambda(f, args, placeholder, env);
  // A built-in: a lambda over its declared parameters, the native as its body.
  FunctionData wrapper;
  wrapper.kind = FunctionData::Kind::kLambda;
  for (int i = 0; i < f.arity; ++i) wrapper.parameters.push_back(fmt::format("{}", i));
  wrapper.native = procedure.function_pointer();
  wrapper.input = input;
  return partial_apply_lambda(wrapper, args, placeholder, env);
}

Value Evaluator::partial_apply_lambda(const FunctionData& lambda, const std::vector<Value>& args,
                                      const std::vector<bool>& placeholder, const FramePtr& env) {
  auto frame = std::make_shared<Frame>(lambda.environment ? lambda.environment : env);
  auto partial = std::make_shared<FunctionData>();
  partial->kind = FunctionData::Kind::kLambda;
  for (std::size_t i = 0; i < lambda.parameters.size(); ++i) {
    if (i < placeholder.size() && placeholder[i]) {
      partial->parameters.push_back(lambda.parameters[i]);
    } else {
      frame->bind(lambda.parameters[i], i < args.size() ? args[i] : Value());
    }
  }
  partial->body = lambda.body;
  partial->native = lambda.native;
  partial->input = lambda.input;
  partial->environment = std::move(frame);
  partial->tree = lambda.tree ? lambda.tree : tree_;
  return Value::function(std::move(partial));
}

Value Evaluator::evaluate_apply(const Node& expr, const Value& input, const FramePtr& env) {
  Value lhs = evaluate(*expr.lhs, input, env);
  if (expr.rhs->type == Node::Type::kFunction) return evaluate_function(*expr.rhs, input, env, &lhs);
  Value function = evaluate(*expr.rhs, input, env);
  if (!function.is_function()) raise("T2006", expr.position, {value_insert("value", function)});
  if (lhs.is_function()) {
    // f ~> g: the composition, g(f(x)).
    auto chain = std::make_shared<FunctionData>();
    chain->kind = FunctionData::Kind::kChain;
    chain->first = lhs;
    chain->second = function;
    return Value::function(std::move(chain));
  }
  return apply(function, {lhs}, {}, env);
}

Value Evaluator::evaluate_transform(const Node& expr, const Value& input, const FramePtr& env) {
  auto transform = std::make_shared<FunctionData>();
  transform->kind = FunctionData::Kind::kNative;
  transform->name = "transform";
  transform->arity = 1;
  transform->own_signature = std::make_shared<Signature>(*Signature::parse("<(oa):o>"));
  transform->tree = tree_;
  const Node* node = &expr;
  FramePtr scope = env;
  transform->implementation = [node, scope](NativeCall& call, std::span<const Value> args) -> Value {
    Evaluator& evaluator = call.evaluator;
    if (args.empty() || args[0].is_undefined()) return {};
    Value clone = scope->lookup("clone");
    if (!clone.is_function()) raise("T2013", node->position);
    Value result = evaluator.apply(clone, {args[0]}, {}, scope);
    Value matches = evaluator.evaluate(*node->pattern, result, scope);
    if (matches.is_undefined()) return result;
    if (!matches.is_array()) matches = Value::array(sequence_of(matches));
    for (std::size_t i = 0; i < matches.size(); ++i) {
      Value match = matches.at(i);
      Value update = evaluator.evaluate(*node->update, match, scope);
      if (!update.is_undefined()) {
        if (!update.is_object()) raise("T2011", node->update->position, {value_insert("value", update)});
        if (auto* target = match.owned_object()) {
          update.for_each_member([&](std::string_view key, const Value& value) { target->set(std::string(key), value); });
        }
      }
      if (node->remove) {
        Value deletions = evaluator.evaluate(*node->remove, match, scope);
        if (deletions.is_undefined()) continue;
        Value list = deletions.is_array() ? deletions : Value::array(sequence_of(deletions));
        if (!is_array_of_strings(list)) raise("T2012", node->remove->position, {value_insert("value", deletions)});
        if (auto* target = match.owned_object()) {
          for (std::size_t d = 0; d < list.size(); ++d) target->erase(list.at(d).as_string());
        }
      }
    }
    return result;
  };
  return Value::function(std::move(transform));
}

}  // namespace jobflow::jsonata
