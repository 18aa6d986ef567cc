#include "cli/track/table.h"

#include <fmt/format.h>

#include <algorithm>

namespace jobflow::cli {

std::string format_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  const std::size_t columns = header.size();
  auto cell = [&](const std::vector<std::string>& row, std::size_t i) -> std::string_view {
    if (i >= row.size() || row[i].empty()) return "-";
    return row[i];
  };
  std::vector<std::size_t> width(columns, 0);
  for (std::size_t i = 0; i < columns; ++i) {
    width[i] = cell(header, i).size();
    for (const auto& row : rows) width[i] = std::max(width[i], cell(row, i).size());
  }
  std::string out;
  auto add_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < columns; ++i) {
      std::string_view text = cell(row, i);
      line += text;
      if (i + 1 < columns) line.append(width[i] - text.size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  add_row(header);
  for (const auto& row : rows) add_row(row);
  return out;
}

std::string format_age(std::int64_t seconds) {
  if (seconds < 0) return "-";
  if (seconds < 60) return fmt::format("{}s", seconds);
  if (seconds < 3600) return fmt::format("{}m", seconds / 60);
  if (seconds < 86400) return fmt::format("{}h", seconds / 3600);
  return fmt::format("{}d", seconds / 86400);
}

std::string format_elapsed(double seconds) {
  if (seconds < 0) seconds = 0;
  if (seconds < 10) return fmt::format("{:.1f}s", seconds);
  const auto whole = static_cast<std::int64_t>(seconds);
  if (whole < 60) return fmt::format("{}s", whole);
  if (whole < 3600) return fmt::format("{}m{:02}s", whole / 60, whole % 60);
  return fmt::format("{}h{:02}m", whole / 3600, whole % 3600 / 60);
}

}  // namespace jobflow::cli
