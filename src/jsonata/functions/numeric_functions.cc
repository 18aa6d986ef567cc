#include "jsonata/functions/numeric_functions.h"

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "jsonata/format/js_number.h"
#include "jsonata/format/round_half_even.h"
#include "jsonata/functions/date_time_functions.h"
#include "jsonata/functions/number_cast.h"
#include "jsonata/functions/picture_functions.h"

// The reference's fn.number … fn.random and fn.max/min/average (functions.js). Every function
// but $random gives undefined for an undefined first argument.
namespace jobflow::jsonata {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A number as JSON.stringify writes it in an error message (NaN and infinities as null).
ErrorInsert number_insert(std::string_view name, double value) {
  return ErrorInsert::literal(name, std::isfinite(value) ? format::number_to_string(value) : "null");
}

// A one-argument Math function over a number.
template <class F>
NativeImplementation unary_math(F f) {
  return [f](NativeCall&, std::span<const Value> a) -> Value {
    const Value& arg = argument(a, 0);
    if (arg.is_undefined()) return {};
    return Value::number(f(arg.as_number()));
  };
}

Value number(const Value& arg) {
  switch (arg.kind()) {
    case Value::Kind::kUndefined: return {};
    case Value::Kind::kNumber: return Value::number(arg.as_number());
    case Value::Kind::kBoolean: return Value::number(arg.as_boolean() ? 1 : 0);
    case Value::Kind::kString:
      if (auto n = cast_string_to_number(arg.as_string())) return Value::number(*n);
      throw error("D3030", {ErrorInsert::text("value", arg.as_string())});
    default: break;  // the signature <(nsb)-:n> lets nothing else through
  }
  throw error("D3030", {ErrorInsert::literal("value", "null")});
}

// $round(number, precision): the reference shifts the decimal point only for a truthy
// precision; a precision that is not an integer makes the shifted text unreadable (NaN).
Value round(const Value& arg, const Value& precision_arg) {
  if (arg.is_undefined()) return {};
  const double value = arg.as_number();
  const double precision = precision_arg.is_number() ? precision_arg.as_number() : 0;
  if (std::isnan(precision) || precision == 0) return Value::number(format::round_half_even(value));
  if (std::trunc(precision) != precision) return Value::number(kNaN);
  // Beyond these the shifted value is 0 or infinite whatever the number.
  const double bounded = std::fmax(-100000, std::fmin(100000, precision));
  const double result = format::round_half_even(value, static_cast<int>(bounded));
  // A shift that overflows rounds to an infinity, whose printing ("Infinity") the reference then
  // cannot shift back: NaN.
  return Value::number(std::isfinite(result) ? result : kNaN);
}

// Math.pow, where it differs from C's pow: a base of ±1 to an infinite power is NaN.
double js_pow(double base, double exponent) {
  if (std::isinf(exponent) && std::fabs(base) == 1) return kNaN;
  if (std::isnan(exponent)) return kNaN;
  return std::pow(base, exponent);
}

Value power(const Value& base_arg, const Value& exponent_arg) {
  if (base_arg.is_undefined()) return {};
  const double base = base_arg.as_number();
  // The signature requires the exponent; Math.pow(x, undefined) is NaN.
  const double exponent = exponent_arg.is_number() ? exponent_arg.as_number() : kNaN;
  const double result = js_pow(base, exponent);
  if (!std::isfinite(result)) {
    throw error("D3061", {number_insert("value", base), number_insert("exp", exponent)});
  }
  return Value::number(result);
}

double random_unit() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

// Math.max / Math.min over the items: NaN if any is NaN; +0 above -0.
template <bool kMax>
Value extreme(const Value& array) {
  if (array.is_undefined() || array.size() == 0) return {};
  double best = kMax ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const double n = array.at(i).as_number();
    if (std::isnan(n)) return Value::number(kNaN);
    if (kMax ? (n > best || (n == best && !std::signbit(n))) : (n < best || (n == best && std::signbit(n)))) best = n;
  }
  return Value::number(best);
}

Value average(const Value& array) {
  if (array.is_undefined() || array.size() == 0) return {};
  double total = 0;
  for (std::size_t i = 0; i < array.size(); ++i) total += array.at(i).as_number();
  return Value::number(total / static_cast<double>(array.size()));
}

}  // namespace

void register_numeric_functions(FunctionRegistry& r) {
  r.define("number", "<(nsb)-:n>", 1, [](NativeCall&, std::span<const Value> a) { return number(argument(a, 0)); });
  r.define("abs", "<n-:n>", 1, unary_math([](double n) { return std::fabs(n); }));
  r.define("floor", "<n-:n>", 1, unary_math([](double n) { return std::floor(n); }));
  r.define("ceil", "<n-:n>", 1, unary_math([](double n) { return std::ceil(n); }));
  r.define("round", "<n-n?:n>", 2, [](NativeCall&, std::span<const Value> a) {
    return round(argument(a, 0), argument(a, 1));
  });
  r.define("sqrt", "<n-:n>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    const Value& arg = argument(a, 0);
    if (arg.is_undefined()) return {};
    const double n = arg.as_number();
    if (n < 0) throw error("D3060", {number_insert("value", n)});
    return Value::number(std::sqrt(n));
  });
  r.define("power", "<n-n:n>", 2, [](NativeCall&, std::span<const Value> a) {
    return power(argument(a, 0), argument(a, 1));
  });
  r.define("random", "<:n>", 0, [](NativeCall&, std::span<const Value>) { return Value::number(random_unit()); });
  r.define("max", "<a<n>:n>", 1, [](NativeCall&, std::span<const Value> a) { return extreme<true>(argument(a, 0)); });
  r.define("min", "<a<n>:n>", 1, [](NativeCall&, std::span<const Value> a) { return extreme<false>(argument(a, 0)); });
  r.define("average", "<a<n>:n>", 1, [](NativeCall&, std::span<const Value> a) { return average(argument(a, 0)); });

  register_picture_functions(r);
  register_date_time_functions(r);
}

}  // namespace jobflow::jsonata
