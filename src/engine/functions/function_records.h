#pragma once

#include <string_view>

#include "base/error.h"
#include "model/function.h"
#include "store/record.h"

namespace jobflow::engine::functions {

// How functions are kept in the store: one record per function (id = its name), body in the
// engine's own JSON (fields added compatibly: missing = default).
inline constexpr std::string_view kFunctionKind = "lambda.function";

store::Record to_record(const model::FunctionConfig& function, std::int64_t seq, std::int64_t created_ms);
Result<model::FunctionConfig> function_from_record(const store::Record& record);

}  // namespace jobflow::engine::functions
