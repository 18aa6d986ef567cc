#include "engine/functions/runtime_script.h"

#include "engine/install_script.h"

namespace jobflow::engine::functions {

Result<std::string> install_python_runtime(const std::string& dir) {
  return install_script(dir, "jobflow_lambda_python", ".py", python_runtime_text());
}

}  // namespace jobflow::engine::functions
