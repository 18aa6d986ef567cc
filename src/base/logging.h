#pragma once

#include <string_view>

namespace jobflow {

// Sets up spdlog for the process: one line per event, "key=value" fields, to stderr.
void init_logging(std::string_view level);

}  // namespace jobflow
