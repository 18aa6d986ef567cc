#include "executor/local/job_cgroup.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "executor/local/sys_error.h"

namespace jobflow::executor {
namespace {

bool is_cgroup2(const std::string& path) {
  struct statfs fs {};
  return ::statfs(path.c_str(), &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC;
}

}  // namespace

bool JobCgroup::usable(const std::string& root) {
  if (root.empty()) return false;
  auto slash = root.find_last_of('/');
  std::string parent = slash == std::string::npos || slash == 0 ? "/" : root.substr(0, slash);
  if (!is_cgroup2(parent)) return false;
  if (::mkdir(root.c_str(), 0755) != 0 && errno != EEXIST) return false;
  return is_cgroup2(root) && ::access((root + "/cgroup.kill").c_str(), W_OK) == 0 &&
         ::access((root + "/cgroup.procs").c_str(), W_OK) == 0;
}

Result<JobCgroup> JobCgroup::create(const std::string& root, const std::string& job_id) {
  JobCgroup cgroup(root + "/" + job_id);
  if (::mkdir(cgroup.path_.c_str(), 0755) != 0) {
    if (errno != EEXIST) return fail(sys_error(fmt::format("mkdir {}", cgroup.path_), errno));
    if (cgroup.populated()) {
      return fail(Error::conflict("cgroup", fmt::format("{} is in use", cgroup.path_)));
    }
  }
  return cgroup;
}

Result<UniqueFd> JobCgroup::open_dir() const {
  UniqueFd fd(::open(path_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return fail(sys_error(fmt::format("open {}", path_), errno));
  return fd;
}

Result<UniqueFd> JobCgroup::open_procs() const {
  std::string file = path_ + "/cgroup.procs";
  UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd) return fail(sys_error(fmt::format("open {}", file), errno));
  return fd;
}

bool JobCgroup::populated() const {
  std::string file = path_ + "/cgroup.events";
  UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return false;
  char buffer[256];
  ssize_t n = ::read(fd.get(), buffer, sizeof buffer - 1);
  if (n <= 0) return false;
  buffer[n] = '\0';
  return std::string_view(buffer, static_cast<std::size_t>(n)).find("populated 1") !=
         std::string_view::npos;
}

Status JobCgroup::kill() const {
  std::string file = path_ + "/cgroup.kill";
  UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd) return fail(sys_error(fmt::format("open {}", file), errno));
  if (::write(fd.get(), "1", 1) != 1) return fail(sys_error(fmt::format("write {}", file), errno));
  return {};
}

Status JobCgroup::remove() const {
  using namespace std::chrono_literals;
  for (int attempt = 0;; ++attempt) {
    if (::rmdir(path_.c_str()) == 0 || errno == ENOENT) return {};
    if (errno != EBUSY || attempt >= 100) return fail(sys_error(fmt::format("rmdir {}", path_), errno));
    std::this_thread::sleep_for(1ms);
  }
}

}  // namespace jobflow::executor
