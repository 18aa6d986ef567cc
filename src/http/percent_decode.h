#pragma once

#include <string>
#include <string_view>

namespace jobflow::http {

// Decodes %XX escapes. A '%' not followed by two hex digits is kept as is: clients send such
// targets, and answering them beats rejecting them. `plus_as_space` is for query strings
// (application/x-www-form-urlencoded), never for paths, where '+' is a literal.
std::string percent_decode(std::string_view in, bool plus_as_space = false);

}  // namespace jobflow::http
