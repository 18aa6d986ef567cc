#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "engine/livy/line_index.h"

namespace jobflow::engine::livy {

// One page of GET /batches/{id}/log and /sessions/{id}/log: {"from", "total", "log"}.
struct LogPage {
  std::int64_t from = 0;   // as Livy echoes it (may lie past the end)
  std::int64_t total = 0;  // lines in the whole list, headers included
  std::vector<std::string> lines;
};

// Livy's view of a job's output (SparkProcApp.log): one list
//   ["stdout: ", <stdout lines>..., "\nstderr: ", <stderr lines>...]
// Both headers are always there; the stderr section is empty when stderr is merged into stdout
// (a batch: Livy's spark-submit runs with redirectErrorStream, and so does jobflow's job) or when no
// stderr file is given. Unlike Livy's 200-line ring buffer, the whole files are served.
// Not thread-safe (the service guards it).
class LivyLog {
 public:
  static constexpr std::int64_t kDefaultSize = 100;  // SessionServlet: size defaults to 100
  static constexpr std::int64_t kTailSize = 10;      // the "log" field of a batch or session view
  static constexpr const char* kStdoutHeader = "stdout: ";
  static constexpr const char* kStderrHeader = "\nstderr: ";

  explicit LivyLog(std::string stdout_path, std::optional<std::string> stderr_path = std::nullopt,
                   std::int64_t stride = LineIndex::kDefaultStride);

  // SessionServlet's paging (serializeLogs): size defaults to 100 and a negative size means all
  // lines; a missing or negative from means the tail, max(0, total - size); a from past the end gives
  // no lines and is echoed as sent. `ended`: count a last line without '\n' (the job has ended).
  Result<LogPage> page(std::optional<std::int64_t> from, std::optional<std::int64_t> size, bool ended);

  // The last n lines of the same list (Livy's batch/session "log" field uses 10).
  Result<std::vector<std::string>> tail(std::int64_t n, bool ended);

 private:
  Status refresh();
  std::int64_t total(bool ended) const;
  // Lines [begin, end) of the list, 0 <= begin <= end <= total(ended).
  Result<std::vector<std::string>> slice(std::int64_t begin, std::int64_t end, bool ended) const;

  LineIndex out_;
  std::optional<LineIndex> err_;
};

}  // namespace jobflow::engine::livy
