#pragma once

// JSONata's $round(number, precision): round half to even at `precision` decimal places
// (negative precision rounds to tens, hundreds, ...). $formatNumber and $formatBase round with it.
namespace jobflow::jsonata::format {

// Like the reference, the decimal point is shifted by rewriting the number's printed exponent
// ("1.005" -> "1.005e2") rather than by multiplying, so 1.005 at 2 places is 1 and not 1.01 from
// binary noise; ties then go to the even neighbour. -0 becomes 0 (JSON has no -0).
double round_half_even(double value, int precision = 0);

}  // namespace jobflow::jsonata::format
