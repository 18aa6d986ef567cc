#include "jsonata/functions/string_functions.h"

#include <cmath>
#include <limits>

#include "jsonata/eval/evaluator.h"
#include "jsonata/format/js_number.h"
#include "jsonata/format/js_string.h"
#include "jsonata/format/unicode_text.h"
#include "jsonata/functions/base64_encoding.h"
#include "jsonata/functions/regex_matcher.h"
#include "jsonata/functions/replacement_template.h"
#include "jsonata/functions/unicode_case.h"
#include "jsonata/functions/url_encoding.h"
#include "jsonata/functions/wtf8_text.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/object_data.h"
#include "jsonata/value/sequence.h"
#include "jsonata/value/stringify.h"

// The reference's string functions (jsonata-js src/functions.js). Where the reference counts
// characters with Array.from ($substring, $length, $pad) this counts code points; where it uses
// JavaScript's UTF-16 indexes (regex matches, $split with "", $replace and $split positions
// from a matcher) this works on UTF-16 code units, so every index agrees with the reference's.
namespace jobflow::jsonata {
namespace {

std::string_view string_argument(std::span<const Value> args, std::size_t index) {
  return argument(args, index).as_string();
}

// ToIntegerOrInfinity, clamped into a long.
long to_integer(double value) {
  if (std::isnan(value)) return 0;
  const double bound = static_cast<double>(std::numeric_limits<long>::max() / 4);
  return static_cast<long>(std::clamp(std::trunc(value), -bound, bound));
}

// Array.prototype.slice(start, end) on code points.
std::u32string slice(const std::u32string& items, double start, double end) {
  const long size = static_cast<long>(items.size());
  auto relative = [size](double index) {
    const long i = to_integer(index);
    return i < 0 ? std::max(size + i, 0L) : std::min(i, size);
  };
  const long from = relative(start);
  const long to = relative(end);
  if (from >= to) return {};
  return items.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
}

// The reference's substring(str, start, length?) on code points.
std::string substring(std::string_view text, double start, std::optional<double> length) {
  const std::u32string items = format::to_code_points(text);
  const double size = static_cast<double>(items.size());
  if (size + start < 0) start = 0;
  if (length) {
    if (*length <= 0) return {};
    const double end = start >= 0 ? start + *length : size + start + *length;
    return format::from_code_points(slice(items, start, end));
  }
  return format::from_code_points(slice(items, start, size));
}

Value string_value(std::string text) { return Value::string(std::move(text)); }

// The reference's evaluateMatcher: applies a regex or a user's matcher function to `args` and
// checks that what it returns has the shape of a match (T1010 otherwise).
Value evaluate_matcher(NativeCall& call, const Value& matcher, std::vector<Value> args) {
  if (!matcher.is_function()) return {};  // a missing next(): the matches end
  Value result = call.evaluator.apply(matcher, std::move(args), call.input, call.environment);
  const bool truthy = result.is_object() || result.is_array() || result.is_function() ||
                      (result.is_boolean() && result.as_boolean()) ||
                      (result.is_number() && result.as_number() != 0 && !std::isnan(result.as_number())) ||
                      (result.is_string() && !result.as_string().empty());
  if (truthy && !(result.get("start").is_number() || result.get("groups").is_array() || result.get("next").is_function()))
    throw error("T1010");
  return result;
}

// A number member of a match (start, end) for UTF-16 index arithmetic; NaN when it is not one.
double number_member(const Value& match, std::string_view key) {
  const Value member = match.get(key);
  return member.is_number() ? member.as_number() : std::numeric_limits<double>::quiet_NaN();
}

std::u16string utf16_substring(std::u16string_view text, double start, double end) {
  return format::js::substring(text, to_integer(start), to_integer(end));
}

// JavaScript's String(value), for values a user's matcher puts where strings belong.
std::optional<std::string> group_text(const Value& value) {
  if (value.is_undefined()) return std::nullopt;
  if (value.is_string()) return std::string(value.as_string());
  if (value.is_null()) return "null";
  if (value.is_boolean()) return value.as_boolean() ? "true" : "false";
  if (value.is_number()) return format::number_to_string(value.as_number());
  return std::string();
}

bool limit_reached(const Value& limit, double count) { return !limit.is_undefined() && !(count < limit.as_number()); }

Value contains(NativeCall& call, std::span<const Value> args) {
  const Value& text = argument(args, 0);
  const Value& token = argument(args, 1);
  if (text.is_undefined() || token.is_undefined()) return {};
  if (token.is_string()) return Value::boolean(text.as_string().find(token.as_string()) != std::string_view::npos);
  return Value::boolean(!evaluate_matcher(call, token, {text}).is_undefined());
}

Value match(NativeCall& call, std::span<const Value> args) {
  const Value& text = argument(args, 0);
  const Value& limit = argument(args, 2);
  if (text.is_undefined()) return {};
  if (!limit.is_undefined() && limit.as_number() < 0)
    throw error("D3040", {ErrorInsert::literal("value", format::number_to_string(limit.as_number()))});
  auto result = new_sequence();
  if (limit.is_undefined() || limit.as_number() > 0) {
    double count = 0;
    Value found = evaluate_matcher(call, argument(args, 1), {text});
    while (!found.is_undefined() && !limit_reached(limit, count)) {
      auto item = std::make_shared<ObjectData>();
      for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"match", "match"},
                              {"start", "index"},
                              {"groups", "groups"}}) {
        Value member = found.get(from);
        if (!member.is_undefined()) item->set(std::string(to), std::move(member));
      }
      result->items.push_back(Value::object(std::move(item)));
      found = evaluate_matcher(call, found.get("next"), {});
      ++count;
    }
  }
  return Value::array(std::move(result));
}

// The replacement for one match: the template expanded, or what the function returns (D3012
// when that is not a string).
std::string replacement_for(NativeCall& call, const Value& replacement, const Value& found) {
  if (replacement.is_string()) {
    std::vector<std::optional<std::string>> groups;
    const Value list = found.get("groups");
    for (std::size_t i = 0; i < list.size(); ++i) groups.push_back(group_text(list.at(i)));
    const std::string whole = group_text(found.get("match")).value_or("undefined");
    return expand_replacement(replacement.as_string(), whole, groups);
  }
  Value replaced = call.evaluator.apply(replacement, {found}, call.input, call.environment);
  if (!replaced.is_string()) {
    std::string shown = "undefined";
    if (!replaced.is_undefined()) {
      auto text = jsonata_string(replaced);
      if (text && *text) shown = **text;
    }
    throw error("D3012", {ErrorInsert::literal("value", shown)});
  }
  return std::string(replaced.as_string());
}

Value replace(NativeCall& call, std::span<const Value> args) {
  const Value& text = argument(args, 0);
  const Value& pattern = argument(args, 1);
  const Value& replacement = argument(args, 2);
  const Value& limit = argument(args, 3);
  if (text.is_undefined()) return {};
  if (pattern.is_string() && pattern.as_string().empty())
    throw error("D3010", {ErrorInsert::text("value", "")});
  if (!limit.is_undefined() && limit.as_number() < 0)
    throw error("D3011", {ErrorInsert::literal("value", format::number_to_string(limit.as_number()))});
  if (!limit.is_undefined() && !(limit.as_number() > 0)) return text;
  double count = 0;
  if (pattern.is_string()) {
    // The string pattern's replacement is used as it is ($ has no meaning there).
    const std::string_view subject = text.as_string();
    const std::string_view needle = pattern.as_string();
    const std::string_view with = replacement.is_string() ? replacement.as_string() : std::string_view();
    std::string out;
    std::size_t position = 0;
    for (std::size_t index = subject.find(needle); index != std::string_view::npos && !limit_reached(limit, count);
         index = subject.find(needle, position)) {
      out.append(subject.substr(position, index - position));
      if (replacement.is_string()) {
        out.append(with);
      } else {
        out.append(group_text(replacement).value_or("undefined"));
      }
      position = index + needle.size();
      ++count;
    }
    out.append(subject.substr(position));
    return string_value(std::move(out));
  }
  Value found = evaluate_matcher(call, pattern, {text});
  if (found.is_undefined()) return text;
  const std::u16string subject = format::to_utf16(text.as_string());
  std::u16string out;
  double position = 0;
  while (!found.is_undefined() && !limit_reached(limit, count)) {
    const double start = number_member(found, "start");
    out += utf16_substring(subject, position, start);
    out += format::to_utf16(replacement_for(call, replacement, found));
    const Value matched = found.get("match");
    const double length = matched.is_string() ? static_cast<double>(format::to_utf16(matched.as_string()).size())
                                              : std::numeric_limits<double>::quiet_NaN();
    position = start + length;
    ++count;
    found = evaluate_matcher(call, found.get("next"), {});
  }
  out += utf16_substring(subject, position, static_cast<double>(subject.size()));
  return string_value(wtf8_from_utf16(out));
}

Value split(NativeCall& call, std::span<const Value> args) {
  const Value& text = argument(args, 0);
  const Value& separator = argument(args, 1);
  const Value& limit = argument(args, 2);
  if (text.is_undefined()) return {};
  if (!limit.is_undefined() && limit.as_number() < 0)
    throw error("D3020", {ErrorInsert::literal("value", format::number_to_string(limit.as_number()))});
  auto result = std::make_shared<ArrayData>();
  if (!limit.is_undefined() && !(limit.as_number() > 0)) return Value::array(std::move(result));
  const std::u16string subject = format::to_utf16(text.as_string());
  if (separator.is_string()) {
    // String.prototype.split(separator, limit): the limit as ToUint32.
    std::size_t most = std::numeric_limits<std::size_t>::max();
    if (!limit.is_undefined()) most = static_cast<std::size_t>(std::fmod(std::trunc(limit.as_number()), 4294967296.0));
    for (auto& part : format::js::split(subject, format::to_utf16(separator.as_string()))) {
      if (result->items.size() >= most) break;
      result->items.push_back(string_value(wtf8_from_utf16(part)));
    }
    return Value::array(std::move(result));
  }
  double count = 0;
  Value found = evaluate_matcher(call, separator, {text});
  if (found.is_undefined()) {
    result->items.push_back(text);
    return Value::array(std::move(result));
  }
  double start = 0;
  while (!found.is_undefined() && !limit_reached(limit, count)) {
    result->items.push_back(string_value(wtf8_from_utf16(utf16_substring(subject, start, number_member(found, "start")))));
    start = number_member(found, "end");
    found = evaluate_matcher(call, found.get("next"), {});
    ++count;
  }
  if (!limit_reached(limit, count))
    result->items.push_back(string_value(wtf8_from_utf16(utf16_substring(subject, start, static_cast<double>(subject.size())))));
  return Value::array(std::move(result));
}

Value pad(std::span<const Value> args) {
  const Value& text = argument(args, 0);
  if (text.is_undefined()) return {};
  std::u32string padding_unit = U" ";
  if (argument(args, 2).is_string() && !argument(args, 2).as_string().empty())
    padding_unit = format::to_code_points(argument(args, 2).as_string());
  const double width = std::trunc(argument(args, 1).as_number());
  const double pad_length = std::abs(width) - static_cast<double>(format::to_code_points(text.as_string()).size());
  if (!(pad_length > 0)) return text;
  std::u32string padding;
  const auto count = static_cast<std::size_t>(pad_length);
  padding.reserve(count);
  for (std::size_t i = 0; i < count; ++i) padding.push_back(padding_unit[i % padding_unit.size()]);
  const std::string padded = format::from_code_points(padding);
  return string_value(width > 0 ? std::string(text.as_string()) + padded : padded + std::string(text.as_string()));
}

Value trim(std::string_view text) {
  // White space runs ([ \t\n\r]+) become one space, then one leading and one trailing space go.
  std::string out;
  out.reserve(text.size());
  bool in_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out += c;
      in_space = false;
    }
  }
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return string_value(std::move(out));
}

// One of the URL functions: D3140 naming it when JavaScript throws its URIError.
NativeImplementation url_function(std::string_view name, std::optional<std::string> (*convert)(std::string_view, UrlPart),
                                  UrlPart part) {
  return [name, convert, part](NativeCall&, std::span<const Value> args) -> Value {
    const Value& text = argument(args, 0);
    if (text.is_undefined()) return {};
    auto converted = convert(text.as_string(), part);
    if (!converted)
      throw error("D3140", {ErrorInsert::text("functionName", name), ErrorInsert::text("value", text.as_string())});
    return string_value(std::move(*converted));
  };
}

}  // namespace

void register_string_functions(FunctionRegistry& r) {
  regex_application() = &apply_regex;

  r.define("substring", "<s-nn?:s>", 3, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    std::optional<double> length;
    if (!argument(a, 2).is_undefined()) length = a[2].as_number();
    return string_value(substring(string_argument(a, 0), argument(a, 1).as_number(), length));
  });
  r.define("substringBefore", "<s-s:s>", 2, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    const std::string_view text = string_argument(a, 0);
    const std::size_t at = argument(a, 1).is_string() ? text.find(a[1].as_string()) : std::string_view::npos;
    return at == std::string_view::npos ? a[0] : string_value(std::string(text.substr(0, at)));
  });
  r.define("substringAfter", "<s-s:s>", 2, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    const std::string_view text = string_argument(a, 0);
    const std::size_t at = argument(a, 1).is_string() ? text.find(a[1].as_string()) : std::string_view::npos;
    return at == std::string_view::npos ? a[0] : string_value(std::string(text.substr(at + a[1].as_string().size())));
  });
  r.define("lowercase", "<s-:s>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    return string_value(to_lower_case(a[0].as_string()));
  });
  r.define("uppercase", "<s-:s>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    return string_value(to_upper_case(a[0].as_string()));
  });
  r.define("length", "<s-:n>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    return Value::number(static_cast<double>(format::to_code_points(a[0].as_string()).size()));
  });
  r.define("trim", "<s-:s>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    return trim(a[0].as_string());
  });
  r.define("pad", "<s-ns?:s>", 3, [](NativeCall&, std::span<const Value> a) { return pad(a); });
  r.define("match", "<s-f<s:o>n?:a<o>>", 3, match);
  r.define("contains", "<s-(sf):b>", 2, contains);
  r.define("replace", "<s-(sf)(sf)n?:s>", 4, replace);
  r.define("split", "<s-(sf)n?:a<s>>", 3, split);
  r.define("join", "<a<s>s?:s>", 2, [](NativeCall&, std::span<const Value> a) -> Value {
    const Value& strings = argument(a, 0);
    if (strings.is_undefined()) return {};
    const std::string_view separator = argument(a, 1).is_string() ? a[1].as_string() : std::string_view();
    std::string out;
    for (std::size_t i = 0; i < strings.size(); ++i) {
      if (i > 0) out.append(separator);
      const Value item = strings.at(i);
      if (item.is_string()) out.append(item.as_string());
    }
    return string_value(std::move(out));
  });
  r.define("base64encode", "<s-:s>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    return string_value(base64_encode_latin1(a[0].as_string()));
  });
  r.define("base64decode", "<s-:s>", 1, [](NativeCall&, std::span<const Value> a) -> Value {
    if (argument(a, 0).is_undefined()) return {};
    return string_value(base64_decode_latin1(a[0].as_string()));
  });
  r.define("encodeUrlComponent", "<s-:s>", 1, url_function("encodeUrlComponent", encode_url, UrlPart::kComponent));
  r.define("encodeUrl", "<s-:s>", 1, url_function("encodeUrl", encode_url, UrlPart::kWhole));
  r.define("decodeUrlComponent", "<s-:s>", 1, url_function("decodeUrlComponent", decode_url, UrlPart::kComponent));
  r.define("decodeUrl", "<s-:s>", 1, url_function("decodeUrl", decode_url, UrlPart::kWhole));
}

}  // namespace jobflow::jsonata
