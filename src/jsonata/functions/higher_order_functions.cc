#include "jsonata/functions/higher_order_functions.h"

#include <string>
#include <vector>

#include "jsonata/eval/evaluator.h"
#include "jsonata/functions/js_order.h"
#include "jsonata/functions/merge_sort.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/object_data.h"
#include "jsonata/value/sequence.h"
#include "jsonata/value/truthiness.h"

namespace jobflow::jsonata {
namespace {

// Calls `function` as the reference's native functions call a function argument: through a
// closure over the calling scope, with no context value (null).
Value call_back(NativeCall& call, const Value& function, std::vector<Value> args) {
  return call.evaluator.apply(function, std::move(args), Value::null(), call.environment);
}

// The reference's hofFuncArgs: the value, then the position and the whole structure only if the
// function takes them.
std::vector<Value> hof_args(const Value& function, const Value& value, const Value& position, const Value& whole) {
  const int arity = Evaluator::arity(function);
  std::vector<Value> args{value};
  if (arity >= 2) args.push_back(position);
  if (arity >= 3) args.push_back(whole);
  return args;
}

Value index_value(std::size_t i) { return Value::number(static_cast<double>(i)); }

bool matches(const Value& result) { return to_boolean(result).value_or(false); }

Value map(NativeCall& call, std::span<const Value> a) {
  const Value& array = argument(a, 0);
  const Value& function = argument(a, 1);
  if (array.is_undefined()) return {};
  auto result = new_sequence();
  for (std::size_t i = 0; i < array.size(); ++i) {
    Value res = call_back(call, function, hof_args(function, array.at(i), index_value(i), array));
    if (!res.is_undefined()) result->items.push_back(std::move(res));
  }
  return Value::array(std::move(result));
}

Value filter(NativeCall& call, std::span<const Value> a) {
  const Value& array = argument(a, 0);
  const Value& function = argument(a, 1);
  if (array.is_undefined()) return {};
  auto result = new_sequence();
  for (std::size_t i = 0; i < array.size(); ++i) {
    Value entry = array.at(i);
    if (matches(call_back(call, function, hof_args(function, entry, index_value(i), array))))
      result->items.push_back(std::move(entry));
  }
  return Value::array(std::move(result));
}

Value single(NativeCall& call, std::span<const Value> a) {
  const Value& array = argument(a, 0);
  const Value& function = argument(a, 1);
  if (array.is_undefined()) return {};
  Value result;
  bool found = false;
  for (std::size_t i = 0; i < array.size(); ++i) {
    Value entry = array.at(i);
    const bool positive =
        function.is_undefined() || matches(call_back(call, function, hof_args(function, entry, index_value(i), array)));
    if (!positive) continue;
    if (found) throw error("D3138", {ErrorInsert::literal("index", std::to_string(i))});
    result = std::move(entry);
    found = true;
  }
  if (!found) throw error("D3139");
  return result;
}

Value reduce(NativeCall& call, std::span<const Value> a) {
  const Value& sequence = argument(a, 0);
  const Value& function = argument(a, 1);
  const Value& init = argument(a, 2);
  if (sequence.is_undefined()) return {};
  const int arity = Evaluator::arity(function);
  if (arity < 2) throw error("D3050", {ErrorInsert::literal("index", "1")});
  Value result;
  std::size_t index = 0;
  if (init.is_undefined() && sequence.size() > 0) {
    result = sequence.at(0);
    index = 1;
  } else {
    result = init;
  }
  for (; index < sequence.size(); ++index) {
    std::vector<Value> args{result, sequence.at(index)};
    if (arity >= 3) args.push_back(index_value(index));
    if (arity >= 4) args.push_back(sequence);
    result = call_back(call, function, std::move(args));
  }
  return result;
}

Value each(NativeCall& call, std::span<const Value> a) {
  const Value& object = argument(a, 0);
  const Value& function = argument(a, 1);
  auto result = new_sequence();
  object.for_each_member([&](std::string_view key, const Value& value) {
    Value res = call_back(call, function, hof_args(function, value, Value::string(std::string(key)), object));
    if (!res.is_undefined()) result->items.push_back(std::move(res));
  });
  return Value::array(std::move(result));
}

Value sift(NativeCall& call, std::span<const Value> a) {
  const Value& object = argument(a, 0);
  const Value& function = argument(a, 1);
  auto result = std::make_shared<ObjectData>();
  object.for_each_member([&](std::string_view key, const Value& value) {
    if (matches(call_back(call, function, hof_args(function, value, Value::string(std::string(key)), object))))
      result->set(std::string(key), value);
  });
  if (result->size() == 0) return {};
  return Value::object(std::move(result));
}

bool all_numbers(const Value& array) {
  for (std::size_t i = 0; i < array.size(); ++i)
    if (!Evaluator::is_numeric(array.at(i))) return false;
  return true;
}

bool all_strings(const Value& array) {
  for (std::size_t i = 0; i < array.size(); ++i)
    if (!array.at(i).is_string()) return false;
  return true;
}

Value sort(NativeCall& call, std::span<const Value> a) {
  const Value& array = argument(a, 0);
  const Value& comparator = argument(a, 1);
  if (array.is_undefined()) return {};
  if (array.size() <= 1) return array;
  std::vector<Value> items;
  items.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) items.push_back(array.at(i));
  std::vector<Value> sorted;
  if (comparator.is_undefined()) {
    // The default order, `a > b`, works only on all numbers or all strings.
    if (all_numbers(array)) {
      sorted = merge_sort(std::move(items), [](const Value& x, const Value& y) { return x.as_number() > y.as_number(); });
    } else if (all_strings(array)) {
      sorted = merge_sort(std::move(items),
                          [](const Value& x, const Value& y) { return js_string_less(y.as_string(), x.as_string()); });
    } else {
      throw error("D3070", {ErrorInsert::literal("index", "1")});
    }
  } else {
    sorted = merge_sort(std::move(items), [&](const Value& x, const Value& y) {
      return js_truthy(call_back(call, comparator, {x, y}));
    });
  }
  auto result = std::make_shared<ArrayData>();
  result->items = std::move(sorted);
  return Value::array(std::move(result));
}

}  // namespace

void register_higher_order_functions(FunctionRegistry& r) {
  r.define("map", "<af>", 2, map);
  r.define("filter", "<af>", 2, filter);
  r.define("single", "<af?>", 2, single);
  r.define("reduce", "<afj?:j>", 3, reduce);
  r.define("each", "<o-f:a>", 2, each);
  r.define("sift", "<o-f?:o>", 2, sift);
  r.define("sort", "<af?:a>", 2, sort);
}

}  // namespace jobflow::jsonata
