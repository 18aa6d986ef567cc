#include "cli/progress_display.h"

#include <cstdio>

#include "cli/terminal.h"

namespace jobflow::cli {

ProgressDisplay::ProgressDisplay(bool enabled) : enabled_(enabled), live_(enabled && stderr_is_live_terminal()) {}

void ProgressDisplay::show(const Progress& progress) {
  if (!enabled_) return;
  if (live_) {
    std::string line = fit_width(live_line(progress, tick_++), stderr_columns() - 1);
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
    return;
  }
  std::string key = progress.state + "|" + progress.detail;
  if (key == last_) return;
  last_ = key;
  std::fprintf(stderr, "%s\n", change_line(progress).c_str());
}

void ProgressDisplay::print_line(std::string_view line) {
  clear();
  std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
  std::fflush(stderr);
}

void ProgressDisplay::clear() {
  if (live_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace jobflow::cli
