#pragma once

#include <string>

namespace jobflow::cli {

// What `jobflow wait` knows at one poll.
struct Progress {
  std::string id;       // as displayed (batch/3, s-..., an execution ARN)
  std::string state;    // as the API spells it
  double elapsed = 0;   // seconds since the wait began
  std::string detail;   // "steps 2/5", "events 12, in Wait1", ... (may be empty)
};

// The live one-line display on a terminal (redrawn in place, no newline):
//   "<spinner> <id>  <STATE>  <elapsed>  <detail>"; `tick` picks the spinner frame.
std::string live_line(const Progress& p, unsigned tick);

// The plain line printed on each change when stderr is not a terminal:
//   "[<elapsed>] <id> <STATE>  <detail>"
std::string change_line(const Progress& p);

// Cuts a line to `width` columns (bytes), ending it with "…" when cut; width 0 = no limit.
std::string fit_width(std::string line, std::size_t width);

}  // namespace jobflow::cli
