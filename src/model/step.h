#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "model/job.h"
#include "model/step_state.h"

namespace jobflow::model {

struct HadoopJarStep {
  std::string jar;
  std::string main_class;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> properties;  // request order kept
};

struct FailureDetails {
  std::string reason;
  std::string message;
  std::string log_file;
};

// What a client asks for: the StepConfig of AddJobFlowSteps / RunJobFlow.
struct StepSpec {
  std::string name;
  ActionOnFailure action_on_failure = ActionOnFailure::kTerminateCluster;  // the API default
  HadoopJarStep hadoop_jar_step;
  std::string log_uri;             // StepMonitoringConfiguration.S3MonitoringConfiguration.LogUri
  std::string encryption_key_arn;  // ... .EncryptionKeyArn
};

struct Step {
  std::string id;
  std::string cluster_id;
  std::int64_t seq = 0;  // position among all steps of all clusters: newest has the largest
  std::int64_t version = 0;
  StepSpec spec;
  std::string execution_role_arn;
  StepState state = StepState::kPending;
  std::string state_message;  // StepStateChangeReason.Message; empty: the reason is {}
  TimestampMs created_ms = 0;
  TimestampMs started_ms = 0;  // 0: not started
  TimestampMs ended_ms = 0;    // 0: not ended
  std::optional<FailureDetails> failure;
  std::optional<JobHandle> job;  // set (and persisted) before the job starts
  std::string log_dir;                    // local directory with stdout, stderr, controller
  bool cancel_requested_kill = false;     // CancelSteps TERMINATE_PROCESS asked while running
};

}  // namespace jobflow::model
