#include "executor/local/process_identity.h"

#include <fcntl.h>
#include "executor/local/pidfd.h"
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <string_view>

#include <fmt/format.h>

#include "executor/local/sys_error.h"

namespace jobflow::executor {
namespace {

struct StatFields {
  char state = '?';
  std::uint64_t start_time = 0;
};

// Parses /proc/<pid>/stat. The command name (field 2) may hold spaces and parentheses, so the
// fields are counted from the last ')'.
std::optional<StatFields> read_stat(std::int64_t pid) {
  char path[64];
  auto end = fmt::format_to_n(path, sizeof path - 1, "/proc/{}/stat", pid).out;
  *end = '\0';
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char buffer[1024];
  ssize_t n;
  do {
    n = ::read(fd, buffer, sizeof buffer);
  } while (n < 0 && errno == EINTR);
  ::close(fd);
  if (n <= 0) return std::nullopt;
  std::string_view text(buffer, static_cast<std::size_t>(n));
  auto paren = text.rfind(')');
  if (paren == std::string_view::npos) return std::nullopt;
  text.remove_prefix(paren + 1);
  // After ')': field 3 (state) is the first; start time is field 22, i.e. the 20th from here.
  StatFields fields;
  int index = 0;
  while (!text.empty()) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    auto space = text.find(' ');
    std::string_view field = text.substr(0, space);
    text.remove_prefix(space == std::string_view::npos ? text.size() : space);
    if (field.empty()) break;
    if (index == 0) fields.state = field.front();
    if (index == 19) {
      auto [p, ec] = std::from_chars(field.data(), field.data() + field.size(), fields.start_time);
      if (ec != std::errc()) return std::nullopt;
      return fields;
    }
    ++index;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ProcessIdentity> ProcessIdentity::of(std::int64_t pid) {
  if (pid <= 0) return std::nullopt;
  auto stat = read_stat(pid);
  if (!stat) return std::nullopt;
  return ProcessIdentity{pid, stat->start_time};
}

bool ProcessIdentity::alive() const {
  if (pid <= 0) return false;
  auto stat = read_stat(pid);
  return stat && stat->start_time == start_time && stat->state != 'Z' && stat->state != 'X' &&
         stat->state != 'x';
}

Result<UniqueFd> ProcessIdentity::open_pidfd() const {
  if (pid <= 0) return fail(Error::not_found("process", "no pid"));
  UniqueFd fd(pidfd_open_raw(static_cast<pid_t>(pid)));
  if (!fd) {
    if (errno == ESRCH || errno == EINVAL) {
      return fail(Error::not_found("process", fmt::format("process {} has ended", pid)));
    }
    return fail(sys_error(fmt::format("pidfd_open({})", pid), errno));
  }
  // Checked after opening: our process is older than the record we read its pid from, so if the
  // start time still matches now, the pidfd refers to it and not to a later process.
  auto stat = read_stat(pid);
  if (!stat || stat->start_time != start_time) {
    return fail(Error::not_found("process", fmt::format("process {} has ended", pid)));
  }
  return fd;
}

}  // namespace jobflow::executor
