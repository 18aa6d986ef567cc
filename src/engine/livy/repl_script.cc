#include "engine/livy/repl_script.h"

#include "engine/install_script.h"

namespace jobflow::engine::livy {

Result<std::string> install_repl_script(const std::string& dir) {
  return install_script(dir, "jobflow_repl", ".py", repl_script_text());
}

}  // namespace jobflow::engine::livy
