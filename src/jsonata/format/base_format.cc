#include "jsonata/format/base_format.h"

#include <cmath>

#include "jsonata/format/js_number.h"
#include "jsonata/format/round_half_even.h"

namespace jobflow::jsonata::format {

JResult<std::optional<std::string>> format_base(std::optional<double> value, std::optional<double> radix) {
  if (!value) return std::optional<std::string>();
  const double rounded = round_half_even(*value);
  const double base = radix ? round_half_even(*radix) : 10;
  if (!(base >= 2 && base <= 36)) {
    // JSON.stringify prints NaN as null.
    return fail("D3100", {ErrorInsert{"value", number_to_string(base), std::isnan(base) ? "null" : number_to_string(base)}});
  }
  return std::optional<std::string>(number_to_radix_string(rounded, static_cast<int>(base)));
}

}  // namespace jobflow::jsonata::format
