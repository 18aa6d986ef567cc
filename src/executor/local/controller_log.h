#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/error.h"
#include "executor/local/unique_fd.h"

namespace jobflow::executor {

// <log_dir>/controller in the style of EMR's step controller log:
//   2024-05-01T10:00:00.123Z INFO startExec 'spark-submit --class Main app.jar'
// Each line is one append-mode write, so lines from a restarted supervisor never interleave.
class ControllerLog {
 public:
  ControllerLog() = default;  // writes nowhere (log directory unusable)

  static Result<ControllerLog> open(const std::string& path);

  void info(std::string_view message);
  void warn(std::string_view message);

  // "2024-05-01T10:00:00.123Z": UTC with milliseconds, as EMR writes it.
  static std::string iso_time(TimestampMs ms);

 private:
  explicit ControllerLog(UniqueFd fd) : fd_(std::move(fd)) {}
  void write_line(std::string_view level, std::string_view message);

  UniqueFd fd_;
};

}  // namespace jobflow::executor
