#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine::functions {

// The runtime of python3.x functions (runtime/jobflow_lambda_python.py), compiled into the binary.
std::string_view python_runtime_text();

// Writes it under `dir` (named by content) and returns its path.
Result<std::string> install_python_runtime(const std::string& dir);

}  // namespace jobflow::engine::functions
