#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"

namespace jobflow::executor {

// A small "key=value" record, one pair per line: the format of the run-dir files. Readable with
// cat, and parsed without a JSON library by the supervisor, which must stay cheap to start.
// Values are escaped (\n, \\) so that a message never breaks a line.
class KeyValueFile {
 public:
  void set(std::string key, std::string value);
  void set(std::string key, std::int64_t value);

  std::optional<std::string> get(std::string_view key) const;
  std::optional<std::int64_t> get_int(std::string_view key) const;

  std::string serialize() const;
  static KeyValueFile parse(std::string_view text);

  // Writes to a temporary file next to `path` and renames it over `path`, so that a reader sees
  // the old record or the new one, never half of one.
  Status write_atomic(const std::string& path) const;

  // Appends the record with a single write(), so that a concurrent reader sees all of it or a
  // prefix (which read() cuts at the last complete line).
  Status append_to(int fd) const;

  // nullopt when the file does not exist. A last line without its newline (a write still under
  // way) is ignored.
  static Result<std::optional<KeyValueFile>> read(const std::string& path);

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace jobflow::executor
