#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine::livy {

// Livy reads an all-digit `{id}` path segment as an id and anything else as a session name
// (LIVY-41). nullopt: look the segment up by name.
inline std::optional<std::int64_t> as_livy_id(std::string_view id_or_name) {
  if (id_or_name.empty() || id_or_name.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : id_or_name) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

inline bool is_all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Livy's 404 text, for ids and names alike.
inline Error livy_not_found(std::string_view resource, std::string_view id_or_name) {
  return Error::not_found(std::string(resource), "Session '" + std::string(id_or_name) + "' not found.");
}

// Livy's 404 for a DELETE that lost a race with another one (or with the retention clean-up).
inline Error livy_already_stopped(std::string_view resource, std::int64_t id) {
  return Error::not_found(std::string(resource), "Session " + std::to_string(id) + " already stopped.");
}

// Livy's name rules (Session.scala, SessionManager.register): not all digits (the empty name is
// all digits too), unique among the registered batches, or sessions, of the server.
inline Status check_livy_name(const std::optional<std::string>& name) {
  if (name && is_all_digits(*name))
    return fail(Error::invalid_input("name", "Invalid session name: " + *name));
  return {};
}
inline Error duplicate_livy_name(const std::string& name, std::int64_t id) {
  return Error::invalid_input("name", "Duplicate session name: Some(" + name + ") for session " + std::to_string(id));
}

}  // namespace jobflow::engine::livy
