#include "jsonata/functions/core_functions.h"

#include <cmath>
#include <string>
#include <vector>

#include "jsonata/eval/evaluator.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/object_data.h"
#include "jsonata/value/sequence.h"
#include "jsonata/value/stringify.h"
#include "jsonata/value/truthiness.h"

namespace jobflow::jsonata {
namespace {

// A deep copy the evaluator owns (the reference's $clone: JSON.parse($string(x))): numbers that
// are not integers rounded to 15 digits, functions as "", undefined members dropped.
Value deep_copy(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull:
    case Value::Kind::kBoolean: return value.json() ? (value.is_null() ? Value::null() : Value::boolean(value.as_boolean())) : value;
    case Value::Kind::kNumber: {
      const double n = value.as_number();
      if (std::isnan(n)) return Value::null();
      return Value::number(std::trunc(n) == n ? n : to_precision_15(n));
    }
    case Value::Kind::kString: return Value::string(std::string(value.as_string()));
    case Value::Kind::kFunction: return Value::string("");
    case Value::Kind::kArray: {
      auto out = std::make_shared<ArrayData>();
      for (std::size_t i = 0; i < value.size(); ++i) {
        Value item = value.at(i);
        out->items.push_back(item.is_undefined() ? Value::null() : deep_copy(item));
      }
      return Value::array(std::move(out));
    }
    case Value::Kind::kObject: {
      auto out = std::make_shared<ObjectData>();
      value.for_each_member([&](std::string_view key, const Value& member) {
        if (!member.is_undefined()) out->set(std::string(key), deep_copy(member));
      });
      return Value::object(std::move(out));
    }
  }
  return {};
}

// The reference's fn.keys: an object's keys; over an array, the keys of every item (arrays
// within recursively) merged into one object, so in JavaScript's key order.
std::vector<std::string> object_keys(const Value& value) {
  std::vector<std::string> keys;
  if (value.is_array()) {
    ObjectData merged;
    for (std::size_t i = 0; i < value.size(); ++i)
      for (auto& key : object_keys(value.at(i))) merged.set(std::move(key), Value());
    for (const auto& member : merged.members()) keys.push_back(member.first);
  } else {
    value.for_each_member([&](std::string_view key, const Value&) { keys.emplace_back(key); });
  }
  return keys;
}

std::string_view type_name(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBoolean: return "boolean";
    // isNumeric first, as the reference: an infinite number is D1001, NaN falls through to "object".
    case Value::Kind::kNumber: return Evaluator::is_numeric(value) ? "number" : "object";
    case Value::Kind::kString: return "string";
    case Value::Kind::kArray: return "array";
    case Value::Kind::kObject: return "object";
    case Value::Kind::kFunction: return "function";
    default: return "";
  }
}

}  // namespace

void register_core_functions(FunctionRegistry& r) {
  r.define("exists", "<x:b>", 1, [](NativeCall&, std::span<const Value> a) {
    return Value::boolean(!argument(a, 0).is_undefined());
  });
  r.define("type", "<x:s>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    return Value::string(std::string(type_name(a[0])));
  });
  r.define("boolean", "<x-:b>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    auto b = to_boolean(argument(a, 0));
    return b ? Value::boolean(*b) : Value();
  });
  r.define("not", "<x-:b>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    auto b = to_boolean(argument(a, 0));
    return b ? Value::boolean(!*b) : Value();
  });
  // Arity 1, as the reference's `string(arg, prettify = false)` has (a JavaScript function's
  // length stops at the first default): $map(a, $string) passes the value only, not its index.
  r.define("string", "<x-b?:s>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    auto text = jsonata_string(argument(a, 0), to_boolean(argument(a, 1)).value_or(false));
    if (!text) throw text.error();
    return *text ? Value::string(std::move(**text)) : Value();
  });
  r.define("clone", "<(oa)-:o>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    return deep_copy(argument(a, 0));
  });
  r.define("append", "<xx:a>", 2, [](NativeCall&, std::span<const Value> a) {
    return append(argument(a, 0), argument(a, 1));
  });
  r.define("count", "<a:n>", 1, [](NativeCall&, std::span<const Value> a) {
    return Value::number(static_cast<double>(argument(a, 0).size()));
  });
  r.define("sum", "<a<n>:n>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    const Value& array = argument(a, 0);
    if (array.is_undefined()) return {};
    double total = 0;
    for (std::size_t i = 0; i < array.size(); ++i) total += array.at(i).as_number();
    return Value::number(total);
  });
  r.define("keys", "<x-:a<s>>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    auto keys = new_sequence();
    for (auto& key : object_keys(argument(a, 0))) keys->items.push_back(Value::string(std::move(key)));
    return Value::array(std::move(keys));
  });
}

}  // namespace jobflow::jsonata
