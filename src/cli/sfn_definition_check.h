#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "asl/value/diagnostic.h"

namespace jobflow::cli {

// Every problem CreateStateMachine would report for this definition (empty: valid).
std::vector<asl::Diagnostic> check_definition(std::string_view text, std::string_view type);

}  // namespace jobflow::cli
