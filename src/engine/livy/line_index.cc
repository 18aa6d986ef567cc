#include "engine/livy/line_index.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace jobflow::engine::livy {
namespace {

constexpr std::size_t kChunk = 1 << 16;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Error io_error(std::string_view what, const std::string& path) {
  return Error::internal(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

// Reads lines sequentially from [pos, end) of a file.
class LineReader {
 public:
  LineReader(int fd, std::int64_t pos, std::int64_t end) : fd_(fd), pos_(pos), end_(end), buf_(kChunk) {}

  // The next line into *out (capped at `cap` bytes, the rest counted in *dropped), without its
  // '\n' or a trailing '\r'; out may be null to skip. False at the end of the data.
  bool next(std::string* out, std::size_t cap, std::int64_t* dropped) {
    bool any = false;
    char last = 0;
    *dropped = 0;
    if (out) out->clear();
    for (;;) {
      if (at_ == len_ && !fill()) break;
      const char* s = buf_.data() + at_;
      const std::size_t avail = len_ - at_;
      const auto* nl = static_cast<const char*>(std::memchr(s, '\n', avail));
      const std::size_t take = nl ? static_cast<std::size_t>(nl - s) : avail;
      any = true;
      if (take > 0) {
        last = s[take - 1];
        std::size_t keep = 0;
        if (out) {
          keep = std::min(take, cap - std::min(cap, out->size()));
          out->append(s, keep);
        }
        *dropped += static_cast<std::int64_t>(take - keep);
      }
      at_ += take;
      if (nl) {
        ++at_;
        break;
      }
    }
    if (last == '\r') {
      if (*dropped > 0) {
        --*dropped;
      } else if (out && !out->empty()) {
        out->pop_back();
      }
    }
    return any;
  }

  bool failed() const { return failed_; }

 private:
  bool fill() {
    if (pos_ >= end_) return false;
    const auto want = static_cast<std::size_t>(std::min<std::int64_t>(buf_.size(), end_ - pos_));
    ssize_t n;
    do {
      n = ::pread(fd_, buf_.data(), want, pos_);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      failed_ = n < 0;
      pos_ = end_;  // truncated under us, or an error: stop here
      return false;
    }
    pos_ += n;
    at_ = 0;
    len_ = static_cast<std::size_t>(n);
    return true;
  }

  int fd_;
  std::int64_t pos_, end_;
  std::vector<char> buf_;
  std::size_t at_ = 0, len_ = 0;
  bool failed_ = false;
};

// Length of a UTF-8 prefix of s that does not end inside a multi-byte sequence.
std::size_t utf8_boundary(std::string_view s) {
  std::size_t i = s.size();
  for (std::size_t back = 0; back < 4 && i > 0; ++back) {
    const auto c = static_cast<unsigned char>(s[i - 1]);
    if ((c & 0xC0) != 0x80) {  // a lead byte (or ASCII) at i-1
      const std::size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      return need <= back + 1 ? s.size() : i - 1;
    }
    --i;
  }
  return s.size();
}

}  // namespace

LineIndex::LineIndex(std::string path, std::int64_t stride)
    : path_(std::move(path)), stride_(std::max<std::int64_t>(1, stride)) {
  reset();
}

void LineIndex::reset() {
  scanned_ = complete_ = last_start_ = 0;
  starts_.assign(1, 0);
  dev_ = ino_ = 0;
}

Status LineIndex::refresh() {
  Fd fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) {
      reset();
      return {};
    }
    return fail(io_error("cannot open", path_));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return fail(io_error("cannot stat", path_));
  if (static_cast<std::uint64_t>(st.st_dev) != dev_ || static_cast<std::uint64_t>(st.st_ino) != ino_ ||
      st.st_size < scanned_) {
    reset();
    dev_ = static_cast<std::uint64_t>(st.st_dev);
    ino_ = static_cast<std::uint64_t>(st.st_ino);
  }
  std::vector<char> buf(kChunk);
  while (scanned_ < st.st_size) {
    const auto want = static_cast<std::size_t>(std::min<std::int64_t>(buf.size(), st.st_size - scanned_));
    const ssize_t n = ::pread(fd.get(), buf.data(), want, scanned_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(io_error("cannot read", path_));
    }
    if (n == 0) break;  // shrank meanwhile: the next refresh sees it
    const char* p = buf.data();
    const char* end = p + n;
    while (const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) {
      const std::int64_t start = scanned_ + (nl - buf.data()) + 1;
      ++complete_;
      last_start_ = start;
      if (complete_ % stride_ == 0) starts_.push_back(start);
      p = nl + 1;
    }
    scanned_ += n;
  }
  return {};
}

std::int64_t LineIndex::lines(bool include_partial_last) const {
  return complete_ + (include_partial_last && scanned_ > last_start_ ? 1 : 0);
}

Result<std::vector<std::string>> LineIndex::read(std::int64_t first, std::int64_t count,
                                                 bool include_partial_last) const {
  std::vector<std::string> out;
  const std::int64_t n = lines(include_partial_last);
  first = std::max<std::int64_t>(0, first);
  if (count <= 0 || first >= n) return out;
  count = std::min(count, n - first);

  Fd fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return out;  // gone since refresh()
    return fail(io_error("cannot open", path_));
  }
  const std::int64_t block = first / stride_;
  LineReader reader(fd.get(), starts_[static_cast<std::size_t>(block)], scanned_);
  std::int64_t dropped = 0;
  for (std::int64_t skip = first - block * stride_; skip > 0; --skip)
    if (!reader.next(nullptr, 0, &dropped)) return out;

  out.reserve(static_cast<std::size_t>(std::min<std::int64_t>(count, 1 << 20)));
  std::string line;
  for (std::int64_t i = 0; i < count; ++i) {
    if (!reader.next(&line, kMaxLineBytes, &dropped)) break;
    if (dropped > 0) {
      line.resize(utf8_boundary(line));
      std::string text = sanitize_utf8(line);
      text += fmt::format(" [jobflow: line cut at {} bytes; {} more bytes not shown]", line.size(),
                          dropped + static_cast<std::int64_t>(kMaxLineBytes - line.size()));
      out.push_back(std::move(text));
    } else {
      out.push_back(sanitize_utf8(line));
    }
  }
  if (reader.failed()) return fail(io_error("cannot read", path_));
  return out;
}

std::string LineIndex::sanitize_utf8(std::string_view s) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // Unicode's well-formed sequences (Table 3-7): the first continuation byte's range depends on
    // the lead byte; the others are 80..BF.
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      out += kReplacement;
      ++i;
      continue;
    }
    std::size_t k = 1;
    for (; k <= need && i + k < s.size(); ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
    }
    if (k == need + 1) {
      out.append(s.substr(i, k));
    } else {
      out += kReplacement;  // the maximal invalid subpart becomes one U+FFFD
    }
    i += k;
  }
  return out;
}

}  // namespace jobflow::engine::livy
