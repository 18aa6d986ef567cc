#pragma once

#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace jobflow::cli {

// Reading the servers' answers leniently: a missing or mistyped member reads as empty.

// A string member, or an integer one as text (Livy's ids); empty otherwise.
inline std::string text_field(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  return {};
}

inline const boost::json::object& object_field(const boost::json::object& o, std::string_view key) {
  static const boost::json::object kEmpty;
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? v->get_object() : kEmpty;
}

inline const boost::json::array& array_field(const boost::json::object& o, std::string_view key) {
  static const boost::json::array kEmpty;
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? v->get_array() : kEmpty;
}

}  // namespace jobflow::cli
