#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "asl/value/failure.h"
#include "asl/value/json.h"
#include "asl/value/scope.h"

namespace jobflow::asl::intrinsic {

// The 18 intrinsic functions of JSONPath mode.
enum class Function {
  kFormat,
  kStringToJson,
  kJsonToString,
  kArray,
  kArrayPartition,
  kArrayContains,
  kArrayRange,
  kArrayGetItem,
  kArrayLength,
  kArrayUnique,
  kBase64Encode,
  kBase64Decode,
  kHash,
  kJsonMerge,
  kMathRandom,
  kMathAdd,
  kStringSplit,
  kUuid,
};

// One row of the function table: the name as written in a definition and the argument count
// (max_args < 0: unbounded).
struct FunctionInfo {
  Function id;
  std::string_view name;  // "States.Format"
  int min_args;
  int max_args;
};

// nullptr when `name` ("States.Format") is not an intrinsic function.
const FunctionInfo* find_function(std::string_view name);
const FunctionInfo& function_info(Function id);

// What a call needs besides its argument values.
struct CallContext {
  // For States.Format whose template is a string literal: the byte offsets, in the decoded
  // template, of the `{}` written without escapes. nullptr when the template comes from a path or
  // a nested call: then every `{}` is a placeholder.
  const std::vector<std::size_t>* format_holes = nullptr;
  Random* random = nullptr;
};

// Applies `id` to evaluated arguments. Checks the argument count, types and limits; failures are
// States.IntrinsicFailure with the detail text only (no "An error occurred while executing the
// state ..." prefix), except a missing source of randomness (States.Runtime).
Outcome<JsonPtr> call_function(Function id, std::span<const JsonPtr> args,
                               const CallContext& context);

}  // namespace jobflow::asl::intrinsic
