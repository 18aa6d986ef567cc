#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "base/id_codec.h"
#include "engine/emr/cluster_entry.h"
#include "engine/emr/cluster_txn.h"
#include "engine/emr/emr_config.h"
#include "engine/emr/step_command_builder.h"
#include "engine/uri_mapper.h"
#include "engine/task_queue.h"
#include "executor/executor.h"
#include "model/cluster.h"
#include "model/step.h"
#include "store/store.h"

namespace jobflow::engine {

struct RunJobFlowRequest {
  model::ClusterSpec spec;
  std::vector<model::StepSpec> steps;
  std::string region;
  std::string account;
  std::string step_execution_role_arn;
};

struct ListClustersQuery {
  std::vector<model::ClusterState> states;  // empty: all
  std::optional<TimestampMs> created_after_ms;
  std::optional<TimestampMs> created_before_ms;
  std::string marker;
};

struct ListStepsQuery {
  std::string cluster_id;
  std::vector<model::StepState> states;
  std::vector<std::string> step_ids;
  std::string marker;
};

template <class T>
struct Page {
  std::vector<T> items;
  std::string marker;  // empty: last page
};

struct LogChunk {
  std::string data;
  std::int64_t next_offset = 0;
  bool complete = false;  // the step has ended: no more data will come
};

// ModifyInstanceGroups: a new requested size for one group (the groups describe no machines).
struct InstanceGroupResize {
  std::string id;
  std::int64_t count = 0;
};

struct CancelStepOutcome {
  std::string step_id;
  bool submitted = false;
  std::string reason;
};

// EMR's clusters and steps, run for real on an Executor and kept in a Store.
//
// Every change is committed to the store before the call that caused it returns, and before any
// job is started for it. Lifecycle work that follows an API call (bootstrapping, starting steps,
// reacting to job exits, timers) runs on the TaskQueue. Lookups by unknown id use resource
// "cluster" (Describe*/List*: EMR answers InvalidRequestException) or "job_flow" (the JobFlow
// calls: EMR answers ValidationException), so front ends can map them as EMR does.
class EmrService {
 public:
  static constexpr int kMaxActiveSteps = 256;
  static constexpr int kMaxStepConcurrency = 256;
  static constexpr int kPageSize = 50;

  EmrService(store::Store& store, executor::Executor& executor, TaskQueue& tasks, const Clock& clock,
             EmrConfig config);
  ~EmrService();

  // Loads every cluster and step, re-attaches to running jobs and resumes lifecycles. Call once,
  // before serving.
  Status recover();

  Result<model::Cluster> run_job_flow(RunJobFlowRequest request);
  Result<model::Cluster> describe_cluster(std::string_view cluster_id) const;
  Result<Page<model::Cluster>> list_clusters(const ListClustersQuery& query) const;
  // DescribeJobFlows: by ids, or the clusters of the last two months (at most 512).
  Result<std::vector<std::pair<model::Cluster, std::vector<model::Step>>>> describe_job_flows(
      const std::vector<std::string>& ids, const std::vector<model::ClusterState>& states,
      std::optional<TimestampMs> created_after_ms, std::optional<TimestampMs> created_before_ms) const;

  Status terminate_job_flows(const std::vector<std::string>& ids);
  Status set_termination_protection(const std::vector<std::string>& ids, bool value);
  Status set_keep_job_flow_alive(const std::vector<std::string>& ids, bool value);
  Status set_visible_to_all_users(const std::vector<std::string>& ids, bool value);
  Result<int> modify_cluster(std::string_view cluster_id, std::optional<int> step_concurrency_level);
  // ModifyInstanceGroups / ModifyInstanceFleet: change the sizes the cluster's groups or fleets
  // describe (ListInstanceGroups, ListInstances follow). jobflow runs steps on its executor, so
  // no machine is added or removed. An empty cluster_id finds the cluster by the group's id.
  Status modify_instance_groups(std::string_view cluster_id, const std::vector<InstanceGroupResize>& groups);
  Status modify_instance_fleet(std::string_view cluster_id, std::string_view fleet_id,
                               std::optional<std::int64_t> on_demand, std::optional<std::int64_t> spot);
  Status add_tags(std::string_view cluster_id, const std::vector<model::Tag>& tags);
  Status remove_tags(std::string_view cluster_id, const std::vector<std::string>& keys);
  Status put_auto_termination_policy(std::string_view cluster_id, std::int64_t idle_timeout_s);
  Result<std::optional<std::int64_t>> get_auto_termination_policy(std::string_view cluster_id) const;
  Status remove_auto_termination_policy(std::string_view cluster_id);

  Result<std::vector<std::string>> add_job_flow_steps(std::string_view cluster_id,
                                                      std::vector<model::StepSpec> steps,
                                                      std::string execution_role_arn);
  Result<model::Step> describe_step(std::string_view cluster_id, std::string_view step_id) const;
  Result<Page<model::Step>> list_steps(const ListStepsQuery& query) const;
  // ListSteps without copies: calls `visit` for each step of the page, newest first, under the
  // cluster's read lock, and returns the next marker (empty on the last page). `visit` must be
  // quick and must not call back into the service.
  Result<std::string> visit_steps(const ListStepsQuery& query,
                                  const std::function<void(const model::Step&)>& visit) const;
  Result<std::vector<CancelStepOutcome>> cancel_steps(std::string_view cluster_id,
                                                      const std::vector<std::string>& step_ids,
                                                      model::StepCancellationOption option);

  // Reads a step log ("stdout", "stderr" or "controller") from `offset`, at most max_bytes.
  Result<LogChunk> read_step_log(std::string_view cluster_id, std::string_view step_id, std::string_view file,
                                 std::int64_t offset, std::int64_t max_bytes) const;

  // `listener` is told the id of every cluster whose state or steps changed, after the change is
  // committed, on the task queue (Step Functions' .sync tasks wait this way, not by polling).
  // Add listeners before recover(); they live as long as the service.
  void add_listener(std::function<void(const std::string& cluster_id)> listener);

  // Number of steps per state, over every cluster (for /metrics).
  std::map<std::string, std::int64_t> step_counts() const;
  std::map<std::string, std::int64_t> cluster_counts() const;

 private:
  using EntryPtr = std::shared_ptr<ClusterEntry>;
  std::vector<std::function<void(const std::string&)>> listeners_;
  std::function<void(const std::string&)> on_commit_;  // posts to the listeners, if any

  EntryPtr find(std::string_view cluster_id) const;
  Result<EntryPtr> find_or_fail(std::string_view cluster_id, std::string_view resource) const;
  Result<std::vector<EntryPtr>> find_all(const std::vector<std::string>& ids) const;
  Result<std::int64_t> reserve(std::string_view sequence, std::int64_t count);
  Result<model::Step> make_step(const model::Cluster& cluster, model::StepSpec spec, std::string role,
                                std::int64_t seq);

  // Lifecycle; each takes entry.write_mu itself. Run on the task queue.
  void advance(const EntryPtr& entry);
  void on_bootstrap_exit(const EntryPtr& entry, std::size_t index, const executor::JobExit& exit);
  void watch_step(const EntryPtr& entry, const executor::JobHandle& handle, const std::string& step_id);
  void watch_bootstrap(const EntryPtr& entry, const executor::JobHandle& handle, std::size_t index);
  void on_step_exit(const EntryPtr& entry, const std::string& step_id, const executor::JobExit& exit);
  void on_idle_timeout(const EntryPtr& entry);
  void on_kill_deadline(const EntryPtr& entry);
  void resume(const EntryPtr& entry);

  // Under write_mu: the steps a change decided to start or signal, carried out after commit.
  struct Actions {
    std::vector<std::pair<std::size_t, executor::JobSpec>> start_steps;  // built once, by schedule()/resume()
    std::vector<std::pair<executor::JobHandle, executor::CancelMode>> signals;
    bool start_bootstrap = false;
    bool arm_idle_timer = false;
    bool arm_kill_timer = false;
  };
  // Moves the cluster on from whatever its steps now are: starts pending steps up to the
  // concurrency level, goes RUNNING / WAITING, or terminates a transient cluster.
  void schedule(ClusterTxn& txn, Actions& actions);
  void begin_termination(ClusterTxn& txn, Actions& actions, model::ClusterReasonCode code,
                         std::string message);
  void finish_termination_if_done(ClusterTxn& txn);
  // Applies `change` to each cluster (all ids checked first); for the JobFlow Set* calls.
  Status modify_job_flows(const std::vector<std::string>& ids, bool while_terminating,
                          const std::function<void(ClusterTxn&, Actions&)>& change);
  // Commits txn, then carries out actions; a commit failure is logged and leaves memory unchanged.
  Status commit_and_act(const EntryPtr& entry, ClusterTxn& txn, Actions& actions);
  void start_step_job(const EntryPtr& entry, std::size_t index, const executor::JobSpec& spec);
  void start_bootstrap_job(const EntryPtr& entry);
  std::expected<executor::JobSpec, std::string> bootstrap_spec(const model::Cluster& cluster, std::size_t index) const;
  std::string bootstrap_log_dir(const model::Cluster& cluster, std::size_t index) const;
  void finish_step(ClusterTxn& txn, Actions& actions, std::size_t index, model::StepState state,
                   std::optional<model::FailureDetails> failure, std::string message);
  std::string log_uri_of(const model::Cluster& cluster, const model::Step& step) const;
  model::FailureDetails failure_details(const model::Cluster& cluster, const model::Step& step,
                                        const executor::JobExit& exit) const;

  store::Store& store_;
  executor::Executor& executor_;
  TaskQueue& tasks_;
  const Clock& clock_;
  EmrConfig config_;
  UriMapper uris_;
  StepCommandBuilder commands_;
  std::optional<IdCodec> ids_;

  mutable std::shared_mutex map_mu_;
  std::unordered_map<std::string, EntryPtr> clusters_;
  std::vector<EntryPtr> by_seq_;  // oldest first
  std::unordered_map<std::string, std::string> step_cluster_;  // step id -> cluster id
};

}  // namespace jobflow::engine
