#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/emr/emr_service.h"
#include "engine/sfn/integration.h"
#include "frontend/aws_json/aws_json_service.h"

namespace jobflow::frontend {

// Step Functions' optimized EMR integration (arn:aws:states:::elasticmapreduce:<api>[.sync]),
// against jobflow's own EMR: each call goes through the EMR API's operations in-process (same
// validation, errors and shapes as over the wire). `.sync` tasks wait for the step or cluster
// to get there, woken by EmrService's change notifications instead of AWS's 60-second polling.
//   createCluster[.sync]  RunJobFlow; .sync: until WAITING          → {"ClusterId", "ClusterArn"}
//   addStep[.sync]        AddJobFlowSteps with one step; .sync: until the step ends
//                         → {"StepId"}; .sync: DescribeStep's {"Step": …}; a failed, cancelled
//                         or interrupted step fails the task with States.TaskFailed
//   cancelStep            CancelSteps                                → {"CancelStepsInfo": …}
//   terminateCluster[.sync] TerminateJobFlows; .sync: until TERMINATED* → {}
//   setClusterTerminationProtection                                   → {}
//   modifyInstanceGroupByName / modifyInstanceFleetByName: the id from ListInstanceGroups /
//                         ListInstanceFleets by Name, then ModifyInstanceGroups / ModifyInstanceFleet → {}
// EMR's errors become EMR.<exception> failures with the SDK's cause text.
class EmrIntegration final : public engine::sfn::Integration {
 public:
  EmrIntegration(const AwsJsonService& emr_api, engine::EmrService& emr);

  bool handles(std::string_view resource) const override;
  void start(const engine::sfn::TaskContext& context, const asl::TaskRequest& task,
             engine::sfn::TaskCallbacks callbacks) override;

 private:
  enum class Until { kStepEnds, kClusterUp, kClusterGone };
  struct Waiter {
    Until until;
    std::string step_id;
    AwsRequestContext context;
    engine::sfn::TaskCallbacks callbacks;
  };

  AwsResult call(const AwsRequestContext& context, const std::string& operation, const boost::json::object& input) const;
  void wait(const std::string& cluster_id, Waiter waiter);
  void on_cluster_changed(const std::string& cluster_id);
  // True when the waiter is done (its callback was called).
  bool settle(const std::string& cluster_id, Waiter& waiter) const;

  const AwsJsonService& emr_api_;
  engine::EmrService& emr_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<Waiter>> waiters_;  // by cluster id
};

}  // namespace jobflow::frontend
