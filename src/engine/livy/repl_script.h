#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine::livy {

// The interpreter of interactive sessions (repl/jobflow_repl.py), compiled into the binary.
std::string_view repl_script_text();

// Writes the script to <dir>/jobflow_repl-<hash>.py unless it is there, and returns that path.
// Named by content, so interpreters that outlive a server upgrade keep the file they started with.
Result<std::string> install_repl_script(const std::string& dir);

}  // namespace jobflow::engine::livy
