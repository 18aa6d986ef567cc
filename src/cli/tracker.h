#pragma once

#include <string>

#include "cli/server_api.h"
#include "cli/track/outcome.h"
#include "cli/track/track_id.h"

namespace jobflow::cli {

// One look at a tracked thing.
struct Snapshot {
  std::string state;   // as its API spells it
  Outcome outcome = Outcome::kRunning;
  std::string detail;  // progress: "steps 2/5", "events 7, in Wait1"
  std::string reason;  // why it failed, when it did
};

// Finds a cluster, step, Livy batch or session, or Step Functions execution on the server and
// reads its state. `resolve` completes the ID first: a step's cluster (searched over ListClusters
// and ListSteps), an execution name's ARN (searched over every state machine's executions; the
// name must be unique).
class Tracker {
 public:
  static ApiResult<Tracker> resolve(ServerApi& api, TrackId id);

  ApiResult<Snapshot> poll();
  const TrackId& id() const { return id_; }

 private:
  Tracker(ServerApi& api, TrackId id) : api_(&api), id_(std::move(id)) {}

  ApiResult<Snapshot> poll_cluster();
  ApiResult<Snapshot> poll_step();
  ApiResult<Snapshot> poll_livy(std::string_view collection);
  ApiResult<Snapshot> poll_execution();

  ServerApi* api_;
  TrackId id_;
};

// The cluster a step belongs to (ListClusters, then ListSteps StepIds=[step] on each).
ApiResult<std::string> find_step_cluster(ServerApi& api, const std::string& step_id);

// The ARN of the only execution with this name (over every state machine in the region).
ApiResult<std::string> find_execution_arn(ServerApi& api, const std::string& name);

}  // namespace jobflow::cli
