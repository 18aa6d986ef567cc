#pragma once

#include <string>

namespace jobflow::engine {

// Finds an executable on PATH (or checks an explicit path containing '/'); empty if none.
std::string find_program(const std::string& name);

}  // namespace jobflow::engine
