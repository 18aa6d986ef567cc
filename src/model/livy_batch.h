#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "model/job.h"
#include "model/livy_request.h"
#include "model/livy_state.h"

namespace jobflow::model {

// A Livy batch: one program run to its end (spark-submit where Spark is installed).
struct LivyBatch {
  std::int64_t id = 0;  // Livy's integer id; from a durable sequence, never reused
  BatchRequest request;
  LivyState state = LivyState::kStarting;
  std::optional<std::string> app_id;  // Livy shows null in local mode
  std::optional<std::string> owner;   // the authenticated user; null without authentication
  JobHandle handle;
  TimestampMs created_ms = 0;
  TimestampMs ended_ms = 0;            // 0 while running
  bool kill_requested = false;         // DELETE came: the exit reads as killed
  std::optional<JobExit> exit;

  const std::optional<std::string>& name() const { return request.fields.name; }
};

}  // namespace jobflow::model
