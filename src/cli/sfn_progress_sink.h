#pragma once

#include <cstdio>
#include <vector>

#include "asl/eval/history_event.h"

namespace jobflow::cli {

// Shows an execution's progress state by state (one line per state entered, exited or failed,
// on stderr) and keeps every event for `--json`.
class SfnProgressSink final : public asl::HistorySink {
 public:
  explicit SfnProgressSink(bool show) : show_(show) {}
  void record(asl::HistoryEvent event) override;
  const std::vector<asl::HistoryEvent>& events() const { return events_; }

 private:
  bool show_;
  std::vector<asl::HistoryEvent> events_;
};

}  // namespace jobflow::cli
