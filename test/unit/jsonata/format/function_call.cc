#include "function_call.h"

#include <gtest/gtest.h>

#include "jsonata/format/base_format.h"
#include "jsonata/format/integer_picture.h"
#include "jsonata/format/js_number.h"
#include "jsonata/format/millis_functions.h"
#include "jsonata/format/number_picture.h"

namespace jobflow::jsonata::format::test_support {
namespace {

namespace json = boost::json;

Value argument(const json::value& arg, const Value& previous) {
  if (arg.is_object() && arg.as_object().contains("@")) {
    return arg.as_object().at("@") == "previous" ? previous : Value{};
  }
  if (arg.is_string()) return std::string(arg.as_string());
  if (arg.is_number()) return arg.to_number<double>();
  return Value{};
}

std::optional<double> number_arg(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

std::optional<std::string_view> string_arg(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return std::string_view(*s);
  return std::nullopt;
}

template <class T>
JResult<Value> to_value(JResult<std::optional<T>> r) {
  if (!r) return std::unexpected(r.error());
  if (!*r) return Value{};
  return Value{**r};
}

}  // namespace

JResult<Value> call_function(const std::string& function, const json::array& json_args, const Value& previous,
                             double now) {
  std::vector<Value> args;
  for (const auto& arg : json_args) args.push_back(argument(arg, previous));
  auto arg = [&](std::size_t i) { return i < args.size() ? args[i] : Value{}; };

  if (function == "formatInteger") {
    return to_value(format_integer(number_arg(arg(0)), string_arg(arg(1)).value_or("")));
  }
  if (function == "parseInteger") {
    return to_value(parse_integer(string_arg(arg(0)), string_arg(arg(1)).value_or("")));
  }
  if (function == "formatNumber") {
    DecimalFormat format;
    if (json_args.size() > 2 && json_args[2].is_object()) {
      for (const auto& [key, value] : json_args[2].as_object()) {
        if (value.is_string()) format.set(key, std::string(value.as_string()));
      }
    }
    return to_value(format_number(number_arg(arg(0)), string_arg(arg(1)).value_or(""), format));
  }
  if (function == "formatBase") return to_value(format_base(number_arg(arg(0)), number_arg(arg(1))));
  if (function == "fromMillis") {
    return to_value(from_millis(number_arg(arg(0)), string_arg(arg(1)), string_arg(arg(2))));
  }
  if (function == "toMillis") return to_value(to_millis(string_arg(arg(0)), string_arg(arg(1)), now));
  ADD_FAILURE() << "unknown function " << function;
  return Value{};
}

std::string print_number(double value) { return number_to_string(value); }

}  // namespace jobflow::jsonata::format::test_support
