#include "frontend/aws_json/input_reader.h"

#include <fmt/format.h>

#include <cmath>

namespace jobflow::frontend {
namespace {

std::string lower_first(std::string_view name) {
  std::string s(name);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

}  // namespace

std::string InputReader::member_path(std::string_view name) const {
  return path_.empty() ? lower_first(name) : path_ + "." + lower_first(name);
}

const boost::json::value* InputReader::member(std::string_view name, bool required) {
  const auto* v = object_.if_contains(name);
  if (v && v->is_null()) v = nullptr;
  if (!v && required)
    set_error({400, "ValidationException",
               fmt::format("1 validation error detected: Value null at '{}' failed to satisfy constraint: "
                           "Member must not be null",
                           member_path(name))});
  return v;
}

void InputReader::wrong_type(std::string_view name, std::string_view expected) {
  set_error({400, "SerializationException",
             fmt::format("Start of structure or map found where not expected, or wrong type: member '{}' must be {}.",
                         member_path(name), expected)});
}

void InputReader::invalid(std::string_view name, const std::string& value, std::string_view constraint) {
  set_error({400, "ValidationException",
             fmt::format("1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: {}", value,
                         member_path(name), constraint)});
}

std::optional<std::string> InputReader::string(std::string_view name, bool required, std::size_t max_len) {
  const auto* v = member(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    wrong_type(name, "a string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (max_len && s.size() > max_len) {
    invalid(name, s.size() > 64 ? s.substr(0, 64) + "..." : s,
            fmt::format("Member must have length less than or equal to {}", max_len));
    return std::nullopt;
  }
  return s;
}

std::optional<bool> InputReader::boolean(std::string_view name, bool required) {
  const auto* v = member(name, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    wrong_type(name, "a boolean");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::int64_t> InputReader::integer(std::string_view name, bool required) {
  const auto* v = member(name, required);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double() && std::floor(v->as_double()) == v->as_double() && std::abs(v->as_double()) < 9e18)
    return static_cast<std::int64_t>(v->as_double());
  wrong_type(name, "an integer");
  return std::nullopt;
}

std::optional<std::int64_t> InputReader::timestamp_ms(std::string_view name) {
  const auto* v = member(name, false);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64() * 1000;
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64()) * 1000;
  if (v->is_double()) return static_cast<std::int64_t>(std::llround(v->as_double() * 1000.0));
  wrong_type(name, "a timestamp (epoch seconds)");
  return std::nullopt;
}

std::optional<std::vector<std::string>> InputReader::strings(std::string_view name, bool required) {
  const auto* a = array(name, required);
  if (!a) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& v : *a) {
    if (!v.is_string()) {
      wrong_type(name, "a list of strings");
      return std::nullopt;
    }
    out.emplace_back(v.as_string());
  }
  return out;
}

const boost::json::object* InputReader::object(std::string_view name, bool required) {
  const auto* v = member(name, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    wrong_type(name, "a structure");
    return nullptr;
  }
  return &v->as_object();
}

const boost::json::array* InputReader::array(std::string_view name, bool required) {
  const auto* v = member(name, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    wrong_type(name, "a list");
    return nullptr;
  }
  return &v->as_array();
}

}  // namespace jobflow::frontend
