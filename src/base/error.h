#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace jobflow {

// Protocol-neutral error categories. Each front end maps (code, resource) to its own wire error
// once, in one table; the core never names an AWS or Livy error type.
enum class ErrorCode {
  kInvalidInput,    // the request is malformed or breaks a documented rule
  kNotFound,        // the named resource does not exist
  kAlreadyExists,   // a create collides with an existing resource
  kConflict,        // a concurrent change won (optimistic version check)
  kInvalidState,    // the resource exists but is in a state that forbids the call
  kLimitExceeded,   // a documented limit would be exceeded
  kUnsupported,     // jobflow cannot do this (yet); never a silent success
  kTooLarge,        // payload above a size limit
  kInternal,        // a fault of ours (I/O error, corrupted store)
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string resource;  // what the error is about: "cluster", "job_flow", "step", "input", ...
  std::string message;   // human readable, already in the wording the real service uses

  static Error invalid_input(std::string resource, std::string message) {
    return {ErrorCode::kInvalidInput, std::move(resource), std::move(message)};
  }
  static Error not_found(std::string resource, std::string message) {
    return {ErrorCode::kNotFound, std::move(resource), std::move(message)};
  }
  static Error invalid_state(std::string resource, std::string message) {
    return {ErrorCode::kInvalidState, std::move(resource), std::move(message)};
  }
  static Error limit_exceeded(std::string resource, std::string message) {
    return {ErrorCode::kLimitExceeded, std::move(resource), std::move(message)};
  }
  static Error conflict(std::string resource, std::string message) {
    return {ErrorCode::kConflict, std::move(resource), std::move(message)};
  }
  static Error unsupported(std::string resource, std::string message) {
    return {ErrorCode::kUnsupported, std::move(resource), std::move(message)};
  }
  static Error internal(std::string message) {
    return {ErrorCode::kInternal, "server", std::move(message)};
  }
};

template <class T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error e) { return std::unexpected<Error>(std::move(e)); }

}  // namespace jobflow
