#include "asl/value/json.h"

#include "base/json_parse.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

#include <boost/json/parse.hpp>

#include "base/json_string.h"

namespace jobflow::asl {
namespace {

void append_string(std::string& out, std::string_view text) { append_json_string(out, text); }

// Java's Double.toString: plain decimal with at least one fractional digit for 1e-3 <= |d| <
// 1e7, otherwise "d.dddE[-]n"; shortest digits that round-trip.
void append_double(std::string& out, double d) {
  if (std::isnan(d)) { out += "NaN"; return; }
  if (std::isinf(d)) { out += d > 0 ? "Infinity" : "-Infinity"; return; }
  if (d == 0) { out += std::signbit(d) ? "-0.0" : "0.0"; return; }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::scientific);
  std::string_view sci(buffer, static_cast<std::size_t>(end - buffer));
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  auto e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::string_view exp_text = sci.substr(e_pos + 1);
  if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  if (negative) out += '-';
  double magnitude = std::fabs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      std::string integer = digits.substr(0, std::min<std::size_t>(digits.size(), exponent + 1));
      while (static_cast<int>(integer.size()) < exponent + 1) integer += '0';
      std::string fraction =
          digits.size() > static_cast<std::size_t>(exponent + 1) ? digits.substr(exponent + 1) : "0";
      out += integer + "." + fraction;
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out += digits;
    }
    return;
  }
  out += digits.substr(0, 1);
  out += '.';
  out += digits.size() > 1 ? digits.substr(1) : "0";
  out += 'E';
  out += std::to_string(exponent);
}

void append(std::string& out, const Json& value) {
  switch (value.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: out += std::to_string(value.get_int64()); break;
    case boost::json::kind::uint64: out += std::to_string(value.get_uint64()); break;
    case boost::json::kind::double_: append_double(out, value.get_double()); break;
    case boost::json::kind::string: append_string(out, value.get_string()); break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append(out, item);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        append_string(out, member.key());
        out += ':';
        append(out, member.value());
      }
      out += '}';
      break;
    }
  }
}

std::size_t string_size(std::string_view text) {
  std::size_t n = 2;
  for (unsigned char c : text) {
    if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
      n += 2;
    } else if (c < 0x20) {
      n += 6;
    } else {
      n += 1;
    }
  }
  return n;
}

void add_size(const Json& value, std::size_t& total, std::size_t stop_after) {
  if (total > stop_after) return;
  switch (value.kind()) {
    case boost::json::kind::string: total += string_size(value.get_string()); break;
    case boost::json::kind::array:
      total += 2 + (value.get_array().empty() ? 0 : value.get_array().size() - 1);
      for (const auto& item : value.get_array()) {
        add_size(item, total, stop_after);
        if (total > stop_after) return;
      }
      break;
    case boost::json::kind::object:
      total += 2 + (value.get_object().empty() ? 0 : value.get_object().size() - 1);
      for (const auto& member : value.get_object()) {
        total += string_size(member.key()) + 1;
        add_size(member.value(), total, stop_after);
        if (total > stop_after) return;
      }
      break;
    case boost::json::kind::double_: {
      std::string text;
      append_double(text, value.get_double());
      total += text.size();
      break;
    }
    default: {
      std::string text;
      append(text, value);
      total += text.size();
    }
  }
}

}  // namespace

std::size_t json_text_size(const Json& value, std::size_t stop_after) {
  std::size_t total = 0;
  add_size(value, total, stop_after);
  return total;
}

JsonPtr make_json(Json value) { return std::make_shared<const Json>(std::move(value)); }

const JsonPtr& json_null() {
  static const JsonPtr null = make_json(Json());
  return null;
}

std::string to_text(const Json& value) {
  std::string out;
  append(out, value);
  return out;
}

bool json_equal(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_double() || b.is_double()) return a.to_number<double>() == b.to_number<double>();
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
    const Json& s = a.is_int64() ? a : b;  // one int64, one uint64
    const Json& u = a.is_int64() ? b : a;
    return s.get_int64() >= 0 && static_cast<std::uint64_t>(s.get_int64()) == u.get_uint64();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case boost::json::kind::array: {
      const auto& x = a.get_array();
      const auto& y = b.get_array();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!json_equal(x[i], y[i])) return false;
      }
      return true;
    }
    case boost::json::kind::object: {
      const auto& x = a.get_object();
      const auto& y = b.get_object();
      if (x.size() != y.size()) return false;
      for (const auto& member : x) {
        auto it = y.find(member.key());
        if (it == y.end() || !json_equal(member.value(), it->value())) return false;
      }
      return true;
    }
    default:
      return a == b;
  }
}

JsonPtr parse_json(std::string_view text) {
  boost::system::error_code ec;
  Json value = parse_json_exact(text, ec);
  if (ec) return nullptr;
  return make_json(std::move(value));
}

}  // namespace jobflow::asl
