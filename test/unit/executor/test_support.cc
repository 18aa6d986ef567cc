#include "unit/executor/test_support.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

namespace jobflow::executor::testutil {

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = fmt::format("{}/jobflow-executor-test-XXXXXX",
                                    base != nullptr && *base != '\0' ? base : "/tmp");
  const char* made = ::mkdtemp(pattern.data());
  path_ = made != nullptr ? made : "";
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string unique_job_id(const std::string& name) {
  static std::atomic<int> counter{0};
  return fmt::format("t{}-{}-{}", ::getpid(), counter++, name);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const std::string& path, const std::string& content) {
  // The directory may not exist yet: a job's working dir is made by its supervisor, after start().
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::optional<ProcessIdentity> wait_for_pid_file(const std::string& path) {
  std::optional<ProcessIdentity> identity;
  wait_until([&] {
    std::string text = read_file(path);
    if (text.empty() || text.back() != '\n') return false;
    identity = ProcessIdentity::of(std::atoll(text.c_str()));
    return identity.has_value();
  });
  return identity;
}

pid_t session_of(pid_t pid) {
  std::string text = read_file(fmt::format("/proc/{}/stat", pid));
  auto paren = text.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream fields(text.substr(paren + 1));
  std::string state;
  long ppid = 0;
  long pgrp = 0;
  long session = 0;
  fields >> state >> ppid >> pgrp >> session;
  return static_cast<pid_t>(session);
}

std::function<void(const JobExit&)> ExitRecorder::callback() {
  return [self = shared_from_this()](const JobExit& exit) {
    std::lock_guard lock(self->mutex_);
    ++self->calls_;
    if (!self->exit_) self->exit_ = exit;
    self->cv_.notify_all();
  };
}

std::optional<JobExit> ExitRecorder::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [this] { return exit_.has_value(); });
  return exit_;
}

int ExitRecorder::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

}  // namespace jobflow::executor::testutil
