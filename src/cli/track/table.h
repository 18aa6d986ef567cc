#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jobflow::cli {

// A plain text table: a header row and rows, columns left-aligned and separated by two spaces,
// the last column unpadded (no trailing blanks). Empty cells print as "-". Rows shorter than the
// header are padded with "-". Widths count bytes (IDs and states are ASCII).
std::string format_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// An age as `ps` shows it: "42s", "5m", "3h", "2d" (whole units, rounded down); "-" when unknown
// (negative).
std::string format_age(std::int64_t seconds);

// An elapsed time for progress lines: "0.4s" below ten seconds, then "42s", "5m03s", "2h05m".
std::string format_elapsed(double seconds);

}  // namespace jobflow::cli
