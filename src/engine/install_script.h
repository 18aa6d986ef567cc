#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine {

// Writes a program compiled into the binary (the Livy interpreter, the functions' Python runtime)
// to <dir>/<stem>-<hash><extension> unless it is there, and returns that path. Named by content,
// so processes that outlive a server upgrade keep the file they started with.
Result<std::string> install_script(const std::string& dir, std::string_view stem, std::string_view extension,
                                   std::string_view text);

}  // namespace jobflow::engine
