#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine {

// Appends one line (a '\n' is added) to a job's log file, creating it if needed: the notes jobflow
// writes into a batch's or session's log (fields that could not apply, why a job ended).
Status append_log_line(const std::string& path, std::string_view line);

}  // namespace jobflow::engine
