#pragma once

#include <string_view>

#include "base/error.h"

namespace jobflow::engine::sfn {

// Names of state machines and activities (sfn.md §12): 1–80 characters; no whitespace, no
// control characters (U+0000–U+001F, U+007F–U+009F), none of ? * < > { } [ ] " # % \ ^ | ~ ` $ & , ; : /
// Failure: Error{kInvalidInput, "name"}, "Invalid Name: '<name>'".
Status validate_name(std::string_view name);

// Alias names: 1–80 of [a-zA-Z0-9_.-] with at least one non-digit (so that an alias never looks
// like a version number). Failure: a ValidationException text naming the pattern, as AWS writes it.
Status validate_alias_name(std::string_view name);

}  // namespace jobflow::engine::sfn
