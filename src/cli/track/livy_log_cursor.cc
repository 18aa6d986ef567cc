#include "cli/track/livy_log_cursor.h"

namespace jobflow::cli {

namespace {
constexpr const char* kStdoutHeader = "stdout: ";
constexpr const char* kStderrHeader = "\nstderr: ";
}  // namespace

std::vector<LivyLogCursor::Line> LivyLogCursor::take(std::int64_t page_from, const std::vector<std::string>& lines) {
  std::vector<Line> out;
  std::int64_t index = page_from;  // position in the list
  bool in_stderr = false;
  std::int64_t stderr_index = 0;
  for (const auto& line : lines) {
    if (!in_stderr && line == kStderrHeader) {
      in_stderr = true;
    } else if (!in_stderr && index == 0 && line == kStdoutHeader) {
      // the list's first header
    } else if (!in_stderr) {
      // stdout line number index - 1 (0-based)
      if (index - 1 >= stdout_seen_) {
        out.push_back({false, line});
        stdout_seen_ = index;
      }
    } else {
      if (stderr_index >= stderr_seen_) {
        out.push_back({true, line});
        stderr_seen_ = stderr_index + 1;
      }
      ++stderr_index;
    }
    ++index;
  }
  return out;
}

}  // namespace jobflow::cli
