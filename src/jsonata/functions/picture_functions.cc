#include "jsonata/functions/picture_functions.h"

#include <optional>
#include <string>
#include <unordered_map>

#include "jsonata/format/base_format.h"
#include "jsonata/format/integer_picture.h"
#include "jsonata/format/number_picture.h"
#include "jsonata/value/object_data.h"

namespace jobflow::jsonata {
namespace {

template <class T>
T value_or_throw(JResult<T> result) {
  if (!result) throw std::move(result.error());
  return std::move(*result);
}

std::optional<double> optional_number(const Value& value) {
  if (value.is_undefined()) return std::nullopt;
  return value.as_number();
}

Value optional_string_value(std::optional<std::string> text) {
  return text ? Value::string(std::move(*text)) : Value();
}

// The third argument of $formatNumber: each member overrides the decimal-format property of its
// name. Only string values are used (the reference would put any other value in the property,
// and then fail or never match it).
format::DecimalFormat decimal_format(const Value& options) {
  format::DecimalFormat result;
  if (!options.is_object()) return result;
  options.for_each_member([&](std::string_view key, const Value& member) {
    if (member.is_string()) result.set(key, std::string(member.as_string()));
  });
  return result;
}

// A picture compiled with the default decimal format, kept per thread: an expression formats
// with the same literal picture at every evaluation, and compiling it costs more than formatting.
const format::NumberPicture& default_format_picture(std::string_view picture) {
  thread_local std::unordered_map<std::string, format::NumberPicture> cache;
  if (auto found = cache.find(std::string(picture)); found != cache.end()) return found->second;
  auto compiled = value_or_throw(format::NumberPicture::compile(picture));
  if (cache.size() >= 256) cache.clear();
  return cache.emplace(std::string(picture), std::move(compiled)).first->second;
}

}  // namespace

void register_picture_functions(FunctionRegistry& r) {
  r.define("formatNumber", "<n-so?:s>", 3, [](NativeCall&, std::span<const Value> a) -> Value {
    const Value& value = argument(a, 0);
    if (value.is_undefined()) return {};
    if (argument(a, 2).is_undefined())
      return Value::string(default_format_picture(argument(a, 1).as_string()).format(value.as_number()));
    return optional_string_value(value_or_throw(
        format::format_number(value.as_number(), argument(a, 1).as_string(), decimal_format(argument(a, 2)))));
  });
  r.define("formatBase", "<n-n?:s>", 2, [](NativeCall&, std::span<const Value> a) -> Value {
    return optional_string_value(
        value_or_throw(format::format_base(optional_number(argument(a, 0)), optional_number(argument(a, 1)))));
  });
  r.define("formatInteger", "<n-s:s>", 2, [](NativeCall&, std::span<const Value> a) -> Value {
    const Value& value = argument(a, 0);
    if (value.is_undefined()) return {};
    return optional_string_value(value_or_throw(format::format_integer(value.as_number(), argument(a, 1).as_string())));
  });
  r.define("parseInteger", "<s-s:n>", 2, [](NativeCall&, std::span<const Value> a) -> Value {
    const Value& value = argument(a, 0);
    if (value.is_undefined()) return {};
    auto result = value_or_throw(format::parse_integer(value.as_string(), argument(a, 1).as_string()));
    return result ? Value::number(*result) : Value();
  });
}

}  // namespace jobflow::jsonata
