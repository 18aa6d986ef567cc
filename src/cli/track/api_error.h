#pragma once

#include <expected>
#include <string>

namespace jobflow::cli {

// Why a call to the server got no usable answer. `kNotFound` is the server saying the thing does
// not exist (EMR NoSuchCluster/NoSuchStep, Step Functions *DoesNotExist, Livy 404);
// `kUnreachable` is no HTTP answer at all; `kAmbiguous` an execution name that several
// executions have.
struct ApiError {
  enum class Kind { kUnreachable, kNotFound, kAmbiguous, kOther };
  Kind kind = Kind::kOther;
  std::string message;
};

template <class T>
using ApiResult = std::expected<T, ApiError>;

// unreachable → 5, not found → 4, ambiguous → 2 (usage), other → 1 (see exit_code).
int exit_code_for(const ApiError& error);

}  // namespace jobflow::cli
