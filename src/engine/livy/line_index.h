#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace jobflow::engine::livy {

// The lines of a growing, append-only text file (a job's stdout or stderr), served without
// rereading the file or holding it in memory.
//
// refresh() scans only the bytes appended since the previous call and records the byte offset of
// every stride-th line start (memory: 8 bytes per `stride` lines); read() seeks to the nearest
// recorded offset and scans at most stride-1 lines to reach the first one asked for.
//
// A line ends at '\n'; a trailing '\r' is dropped (CRLF output). The bytes after the last '\n'
// form a partial line, counted only when asked (once the job has ended: before that the line may
// still grow). A missing file has no lines (the job may not have created it yet); a file that
// shrank or was replaced is indexed again from its start. Lines are returned as valid UTF-8:
// invalid sequences become U+FFFD; a line longer than kMaxLineBytes is cut there, with a note.
// Not thread-safe.
class LineIndex {
 public:
  static constexpr std::int64_t kDefaultStride = 256;
  static constexpr std::size_t kMaxLineBytes = 1 << 20;

  explicit LineIndex(std::string path, std::int64_t stride = kDefaultStride);

  // Indexes what was appended since the last call. Errors: I/O failures other than a missing file.
  Status refresh();

  // Number of lines as of the last refresh().
  std::int64_t lines(bool include_partial_last) const;

  // Lines [first, first + count) as of the last refresh(), fewer at the end; without '\n'.
  Result<std::vector<std::string>> read(std::int64_t first, std::int64_t count, bool include_partial_last) const;

  const std::string& path() const { return path_; }
  std::int64_t indexed_bytes() const { return scanned_; }
  std::size_t index_entries() const { return starts_.size(); }

  // `bytes` with every invalid UTF-8 sequence replaced by U+FFFD (one per maximal invalid subpart).
  static std::string sanitize_utf8(std::string_view bytes);

 private:
  void reset();

  std::string path_;
  std::int64_t stride_;
  std::int64_t scanned_ = 0;          // bytes indexed
  std::int64_t complete_ = 0;         // lines ended by '\n'
  std::int64_t last_start_ = 0;       // where the line after the last '\n' starts
  std::vector<std::int64_t> starts_;  // starts_[i]: offset of line i * stride_
  std::uint64_t dev_ = 0, ino_ = 0;   // the file indexed, to notice a replaced file
};

}  // namespace jobflow::engine::livy
