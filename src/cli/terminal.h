#pragma once

#include <cstddef>

namespace jobflow::cli {

// Whether stderr is an interactive terminal that takes a redrawn progress line (not "dumb").
bool stderr_is_live_terminal();

// stderr's width in columns (80 when it cannot be told).
std::size_t stderr_columns();

}  // namespace jobflow::cli
