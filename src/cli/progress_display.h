#pragma once

#include <string>
#include <string_view>

#include "cli/track/progress_line.h"

namespace jobflow::cli {

// The progress display on stderr of the commands that wait (`wait`, `run`): on a terminal one
// live line redrawn in place, else one plain line per change. Lines printed through it
// (`print_line`) appear above the live line, which is drawn again at the next `show`.
class ProgressDisplay {
 public:
  explicit ProgressDisplay(bool enabled);

  bool live() const { return live_; }
  void show(const Progress& progress);
  // A line of its own on stderr (a history event, a note), printed whether or not live.
  void print_line(std::string_view line);
  // Removes the live line, if one is drawn.
  void clear();

 private:
  bool enabled_;
  bool live_;
  bool drawn_ = false;
  unsigned tick_ = 0;
  std::string last_;
};

}  // namespace jobflow::cli
