#include "cli/track/progress_line.h"

#include <fmt/format.h>

#include <array>

#include "cli/track/table.h"

namespace jobflow::cli {

std::string live_line(const Progress& p, unsigned tick) {
  static constexpr std::array<char, 4> kSpinner{'|', '/', '-', '\\'};
  std::string line = fmt::format("{} {}  {}  {}", kSpinner[tick % kSpinner.size()], p.id, p.state,
                                 format_elapsed(p.elapsed));
  if (!p.detail.empty()) line += "  " + p.detail;
  return line;
}

std::string change_line(const Progress& p) {
  std::string line = fmt::format("[{}] {} {}", format_elapsed(p.elapsed), p.id, p.state);
  if (!p.detail.empty()) line += "  " + p.detail;
  return line;
}

std::string fit_width(std::string line, std::size_t width) {
  if (width == 0 || line.size() <= width) return line;
  if (width == 1) return line.substr(0, 1);
  line.resize(width - 1);
  // Do not leave half a UTF-8 sequence before the ellipsis.
  while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
  if (!line.empty() && (static_cast<unsigned char>(line.back()) & 0x80)) line.pop_back();
  return line + "\u2026";
}

}  // namespace jobflow::cli
