#include "engine/livy/livy_log.h"

#include <algorithm>

namespace jobflow::engine::livy {

LivyLog::LivyLog(std::string stdout_path, std::optional<std::string> stderr_path, std::int64_t stride)
    : out_(std::move(stdout_path), stride) {
  if (stderr_path) err_.emplace(std::move(*stderr_path), stride);
}

Status LivyLog::refresh() {
  if (auto ok = out_.refresh(); !ok) return ok;
  if (err_) return err_->refresh();
  return {};
}

std::int64_t LivyLog::total(bool ended) const {
  return 2 + out_.lines(ended) + (err_ ? err_->lines(ended) : 0);
}

Result<std::vector<std::string>> LivyLog::slice(std::int64_t begin, std::int64_t end, bool ended) const {
  std::vector<std::string> lines;
  const std::int64_t a = out_.lines(ended);
  // The list's parts: [0] stdout header, [1, 1+a) stdout, [1+a] stderr header, [2+a, total) stderr.
  auto take_file = [&](const LineIndex& file, std::int64_t at) -> Status {
    const std::int64_t lo = std::max(begin, at);
    const std::int64_t hi = std::min(end, at + file.lines(ended));
    if (lo >= hi) return {};
    auto part = file.read(lo - at, hi - lo, ended);
    if (!part) return fail(part.error());
    for (auto& l : *part) lines.push_back(std::move(l));
    return {};
  };
  if (begin <= 0 && end > 0) lines.emplace_back(kStdoutHeader);
  if (auto ok = take_file(out_, 1); !ok) return fail(ok.error());
  if (begin <= 1 + a && end > 1 + a) lines.emplace_back(kStderrHeader);
  if (err_)
    if (auto ok = take_file(*err_, 2 + a); !ok) return fail(ok.error());
  return lines;
}

Result<LogPage> LivyLog::page(std::optional<std::int64_t> from, std::optional<std::int64_t> size, bool ended) {
  if (auto ok = refresh(); !ok) return fail(ok.error());
  LogPage page;
  page.total = total(ended);
  std::int64_t n = size.value_or(kDefaultSize);
  std::int64_t first = from.value_or(-1);
  if (n < 0) n = page.total;
  if (first < 0) first = std::max<std::int64_t>(0, page.total - n);
  page.from = first;
  // Livy: lines.view(from, from + size), empty past the end. (Its Int sum can overflow and then
  // gives nothing; here from + size is not allowed to overflow.)
  if (first < page.total && n > 0) {
    const std::int64_t end = n >= page.total - first ? page.total : first + n;
    auto lines = slice(first, end, ended);
    if (!lines) return fail(lines.error());
    page.lines = std::move(*lines);
  }
  return page;
}

Result<std::vector<std::string>> LivyLog::tail(std::int64_t n, bool ended) {
  if (auto ok = refresh(); !ok) return fail(ok.error());
  const std::int64_t t = total(ended);
  if (n <= 0) return std::vector<std::string>{};
  return slice(std::max<std::int64_t>(0, t - n), t, ended);
}

}  // namespace jobflow::engine::livy
