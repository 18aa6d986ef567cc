#include "engine/log_append.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace jobflow::engine {

Status append_log_line(const std::string& path, std::string_view line) {
  // One O_APPEND write, so a note lands whole between the lines a running job writes.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return fail(Error::internal(fmt::format("cannot open {}: {}", path, std::strerror(errno))));
  std::string text(line);
  text += '\n';
  ssize_t n = ::write(fd, text.data(), text.size());
  int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size()))
    return fail(Error::internal(fmt::format("cannot write {}: {}", path, std::strerror(err))));
  return {};
}

}  // namespace jobflow::engine
