#pragma once

#include <optional>
#include <string>

#include "jsonata/error/jsonata_error.h"

// $formatBase(number[, radix]).
namespace jobflow::jsonata::format {

// The number and the radix (default 10) are first rounded half to even, as $round does; the
// digits are JavaScript's Number.prototype.toString(radix), lower case, with a leading '-' for
// negatives. D3100 (with the rounded radix) unless 2 <= radix <= 36. Undefined in, undefined out.
JResult<std::optional<std::string>> format_base(std::optional<double> value, std::optional<double> radix);

}  // namespace jobflow::jsonata::format
