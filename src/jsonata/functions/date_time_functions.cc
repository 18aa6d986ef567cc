#include "jsonata/functions/date_time_functions.h"

#include <optional>
#include <string>
#include <string_view>

#include "jsonata/eval/evaluator.h"
#include "jsonata/format/millis_functions.h"

namespace jobflow::jsonata {
namespace {

std::optional<std::string_view> optional_string(const Value& value) {
  if (value.is_undefined()) return std::nullopt;
  return value.as_string();
}

Value format_millis(double millis, const Value& picture, const Value& timezone) {
  auto text = format::from_millis(millis, optional_string(picture), optional_string(timezone));
  if (!text) throw std::move(text.error());
  return *text ? Value::string(std::move(**text)) : Value();
}

}  // namespace

void register_date_time_functions(FunctionRegistry& r) {
  r.define("now", "<s?s?:s>", 2, [](NativeCall& call, std::span<const Value> a) {
    return format_millis(static_cast<double>(call.evaluator.now_ms()), argument(a, 0), argument(a, 1));
  });
  r.define("millis", "<:n>", 0, [](NativeCall& call, std::span<const Value>) {
    return Value::number(static_cast<double>(call.evaluator.now_ms()));
  });
  r.define("fromMillis", "<n-s?s?:s>", 3, [](NativeCall&, std::span<const Value> a) -> Value {
    const Value& millis = argument(a, 0);
    if (millis.is_undefined()) return {};
    return format_millis(millis.as_number(), argument(a, 1), argument(a, 2));
  });
  r.define("toMillis", "<s-s?:n>", 2, [](NativeCall& call, std::span<const Value> a) -> Value {
    const Value& timestamp = argument(a, 0);
    if (timestamp.is_undefined()) return {};
    auto millis = format::to_millis(timestamp.as_string(), optional_string(argument(a, 1)),
                                    static_cast<double>(call.evaluator.now_ms()));
    if (!millis) throw std::move(millis.error());
    return *millis ? Value::number(**millis) : Value();
  });
}

}  // namespace jobflow::jsonata
