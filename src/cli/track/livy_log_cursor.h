#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jobflow::cli {

// Follows a Livy log (GET /batches/{id}/log?from&size) without printing a line twice.
// The log is one list ["stdout: ", <stdout lines>, "\nstderr: ", <stderr lines>]: while the job
// runs its stdout grows and pushes the stderr header along, so a plain index into the list is
// no cursor. The header "\nstderr: " cannot be a log line (lines hold no '\n'), so the cursor
// counts stdout and stderr lines apart: ask `from()` onwards and hand each page to `take`.
class LivyLogCursor {
 public:
  struct Line {
    bool stderr_line = false;
    std::string text;
  };

  // Where the next page starts: just after the stdout lines seen so far.
  std::int64_t from() const { return 1 + stdout_seen_; }

  // The new lines of a page that started at `page_from` (as the server echoes it).
  std::vector<Line> take(std::int64_t page_from, const std::vector<std::string>& lines);

 private:
  std::int64_t stdout_seen_ = 0;
  std::int64_t stderr_seen_ = 0;
};

}  // namespace jobflow::cli
