#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/eval/history_event.h"

namespace jobflow::cli {

// Shows an execution's progress event by event (one line each: time, id, type, state name, and
// input, output, error, cause, resource when the event has them) through `print`, and keeps every
// event for `--json`. A null `print` shows nothing.
class SfnProgressSink final : public asl::HistorySink {
 public:
  using Print = std::function<void(std::string_view line)>;
  explicit SfnProgressSink(Print print) : print_(std::move(print)) {}
  void record(asl::HistoryEvent event) override;
  const std::vector<asl::HistoryEvent>& events() const { return events_; }

 private:
  Print print_;
  std::vector<asl::HistoryEvent> events_;
};

}  // namespace jobflow::cli
