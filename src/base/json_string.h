#pragma once

#include <string>
#include <string_view>

namespace jobflow {

// Appends `s` as a JSON string literal the way Jackson (AWS's Java services) writes it: quotes,
// backslashes and the control characters escaped (\n \r \t \b \f, others as \u00XX), '/' and
// non-ASCII UTF-8 left as they are.
void append_json_string(std::string& out, std::string_view s);

}  // namespace jobflow
