#include "executor/local/controller_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

#include <fmt/format.h>

#include "base/system_clock.h"
#include "executor/local/sys_error.h"

namespace jobflow::executor {

Result<ControllerLog> ControllerLog::open(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd) return fail(sys_error(fmt::format("cannot open {}", path), errno));
  return ControllerLog(std::move(fd));
}

void ControllerLog::info(std::string_view message) { write_line("INFO", message); }

void ControllerLog::warn(std::string_view message) { write_line("WARN", message); }

std::string ControllerLog::iso_time(TimestampMs ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms % 1000);
}

void ControllerLog::write_line(std::string_view level, std::string_view message) {
  if (!fd_) return;
  std::string line = fmt::format("{} {} {}\n", iso_time(SystemClock().now_ms()), level, message);
  // Best effort: the controller log is for people; the exit record is what the executor reads.
  std::string_view rest = line;
  while (!rest.empty()) {
    ssize_t n = ::write(fd_.get(), rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace jobflow::executor
