#include "executor/local/key_value_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include <fmt/format.h>

#include "executor/local/sys_error.h"
#include "executor/local/unique_fd.h"

namespace jobflow::executor {
namespace {

std::string escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      char next = value[++i];
      out += next == 'n' ? '\n' : next == 'r' ? '\r' : next;
    } else {
      out += value[i];
    }
  }
  return out;
}

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(sys_error("write", errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

}  // namespace

void KeyValueFile::set(std::string key, std::string value) {
  for (auto& [k, v] : entries_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::move(key), std::move(value));
}

void KeyValueFile::set(std::string key, std::int64_t value) {
  set(std::move(key), std::to_string(value));
}

std::optional<std::string> KeyValueFile::get(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::optional<std::int64_t> KeyValueFile::get_int(std::string_view key) const {
  auto text = get(key);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

std::string KeyValueFile::serialize() const {
  std::string out;
  for (const auto& [k, v] : entries_) {
    out += k;
    out += '=';
    out += escape(v);
    out += '\n';
  }
  return out;
}

KeyValueFile KeyValueFile::parse(std::string_view text) {
  KeyValueFile file;
  while (!text.empty()) {
    auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    auto eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    file.set(std::string(line.substr(0, eq)), unescape(line.substr(eq + 1)));
  }
  return file;
}

Status KeyValueFile::write_atomic(const std::string& path) const {
  // The pid in the temporary name keeps two writers (e.g. a lost supervisor's leftover file)
  // from sharing one temporary file.
  std::string tmp = fmt::format("{}.tmp.{}", path, ::getpid());
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd) return fail(sys_error(fmt::format("cannot create {}", tmp), errno));
  if (auto written = write_all(fd.get(), serialize()); !written) {
    ::unlink(tmp.c_str());
    return written;
  }
  fd.reset();
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return fail(sys_error(fmt::format("cannot rename {} to {}", tmp, path), err));
  }
  return {};
}

Status KeyValueFile::append_to(int fd) const {
  std::string text = serialize();
  ssize_t n;
  do {
    n = ::write(fd, text.data(), text.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) return fail(sys_error("append record", errno));
  if (static_cast<std::size_t>(n) != text.size()) {
    return fail(Error::internal("append record: short write"));
  }
  return {};
}

Result<std::optional<KeyValueFile>> KeyValueFile::read(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    if (errno == ENOENT) return std::optional<KeyValueFile>();
    return fail(sys_error(fmt::format("cannot open {}", path), errno));
  }
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(sys_error(fmt::format("cannot read {}", path), errno));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  auto last_newline = text.rfind('\n');
  text.resize(last_newline == std::string::npos ? 0 : last_newline + 1);
  return std::optional<KeyValueFile>(parse(text));
}

}  // namespace jobflow::executor
