#include "jsonata/functions/collection_functions.h"

#include <random>
#include <string>
#include <vector>

#include "jsonata/functions/eval_function.h"
#include "jsonata/functions/higher_order_functions.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/equality.h"
#include "jsonata/value/lookup.h"
#include "jsonata/value/object_data.h"
#include "jsonata/value/sequence.h"

namespace jobflow::jsonata {
namespace {

Value plain_array(std::vector<Value> items) {
  auto array = std::make_shared<ArrayData>();
  array->items = std::move(items);
  return Value::array(std::move(array));
}

// $zip(a1, a2, …): arrays of the items at the same index, as long as the shortest argument.
Value zip(NativeCall&, std::span<const Value> a) {
  std::size_t length = a.empty() ? 0 : SIZE_MAX;
  for (const Value& arg : a) length = std::min(length, arg.is_array() ? arg.size() : 0);
  std::vector<Value> tuples;
  tuples.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    std::vector<Value> tuple;
    tuple.reserve(a.size());
    for (const Value& arg : a) tuple.push_back(arg.at(i));
    tuples.push_back(plain_array(std::move(tuple)));
  }
  return plain_array(std::move(tuples));
}

Value reverse(NativeCall&, std::span<const Value> a) {
  const Value& array = argument(a, 0);
  if (array.is_undefined() || array.size() <= 1) return array;
  std::vector<Value> items;
  items.reserve(array.size());
  for (std::size_t i = array.size(); i-- > 0;) items.push_back(array.at(i));
  return plain_array(std::move(items));
}

// The reference's inside-out Fisher-Yates shuffle.
Value shuffle(NativeCall&, std::span<const Value> a) {
  const Value& array = argument(a, 0);
  if (array.is_undefined() || array.size() <= 1) return array;
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::vector<Value> items(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::size_t j = std::uniform_int_distribution<std::size_t>(0, i)(random);
    if (i != j) items[i] = items[j];
    items[j] = array.at(i);
  }
  return plain_array(std::move(items));
}

// Values in first-seen order, duplicates (by deep equality) left out; a sequence stays one.
Value distinct(NativeCall&, std::span<const Value> a) {
  const Value& array = argument(a, 0);
  if (!array.is_array() || array.size() <= 1) return array;
  auto result = array.is_sequence() ? new_sequence() : std::make_shared<ArrayData>();
  for (std::size_t i = 0; i < array.size(); ++i) {
    Value value = array.at(i);
    bool seen = false;
    for (const Value& kept : result->items) {
      if (deep_equal(value, kept)) {
        seen = true;
        break;
      }
    }
    if (!seen) result->items.push_back(std::move(value));
  }
  return Value::array(std::move(result));
}

// An object as objects of one member each; an array spread item by item; anything else as it is.
Value spread(const Value& arg) {
  if (arg.is_array()) {
    Value result = Value::array(new_sequence());
    for (std::size_t i = 0; i < arg.size(); ++i) result = append(result, spread(arg.at(i)));
    return result;
  }
  if (arg.is_object()) {
    auto result = new_sequence();
    arg.for_each_member([&](std::string_view key, const Value& value) {
      auto single = std::make_shared<ObjectData>();
      single->set(std::string(key), value);
      result->items.push_back(Value::object(std::move(single)));
    });
    return Value::array(std::move(result));
  }
  return arg;
}

Value merge(NativeCall&, std::span<const Value> a) {
  const Value& array = argument(a, 0);
  if (array.is_undefined()) return {};
  auto result = std::make_shared<ObjectData>();
  std::size_t members = 0;
  for (std::size_t i = 0; i < array.size(); ++i) members += array.at(i).object_size();
  result->reserve(members);
  for (std::size_t i = 0; i < array.size(); ++i) {
    array.at(i).for_each_member([&](std::string_view key, const Value& value) { result->set(std::string(key), value); });
  }
  return Value::object(std::move(result));
}

Value raise_error(NativeCall&, std::span<const Value> a) {
  const Value& message = argument(a, 0);
  const std::string text =
      message.is_string() && !message.as_string().empty() ? std::string(message.as_string()) : "$error() function evaluated";
  throw error("D3137", {ErrorInsert::text("message", text)});
}

Value assert_condition(NativeCall&, std::span<const Value> a) {
  const Value& condition = argument(a, 0);
  if (condition.is_boolean() && condition.as_boolean()) return {};
  const Value& message = argument(a, 1);
  const std::string text =
      message.is_string() && !message.as_string().empty() ? std::string(message.as_string()) : "$assert() statement failed";
  throw error("D3141", {ErrorInsert::text("message", text)});
}

}  // namespace

void register_collection_functions(FunctionRegistry& r) {
  // Arity 1: the reference's zip() declares no parameter, so a function argument gets the value
  // only, and a partial application (which reads the parameter list "" as one parameter) takes one.
  r.define("zip", "<a+>", 1, zip);
  r.define("reverse", "<a:a>", 1, reverse);
  r.define("shuffle", "<a:a>", 1, shuffle);
  r.define("distinct", "<x:x>", 1, distinct);
  r.define("spread", "<x-:a<o>>", 1,
           [](NativeCall&, std::span<const Value> a) { return spread(argument(a, 0)); });
  r.define("merge", "<a<o>:o>", 1, merge);
  r.define("lookup", "<x-s:x>", 2,
           [](NativeCall&, std::span<const Value> a) {
             const Value& key = argument(a, 1);
             return lookup(argument(a, 0), key.is_string() ? key.as_string() : std::string_view("undefined"));
           });
  r.define("error", "<s?:x>", 1, raise_error);
  r.define("assert", "<bs?:x>", 2, assert_condition);
  register_higher_order_functions(r);
  register_eval_function(r);
}

}  // namespace jobflow::jsonata
