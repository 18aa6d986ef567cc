#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "model/job.h"
#include "model/cluster_state.h"
#include "model/tag.h"

namespace jobflow::model {


struct BootstrapAction {
  std::string name;
  std::string path;
  std::vector<std::string> args;
};

// Instance groups and fleets only describe what the request asked for: jobflow runs on the
// executor, not on EC2 machines. They are kept so that List* calls and the CLI's describe-cluster
// answer in EMR's shapes.
struct InstanceGroup {
  std::string id;
  std::string name;
  std::string role;  // MASTER | CORE | TASK
  std::string market = "ON_DEMAND";
  std::string instance_type;
  std::int64_t requested_count = 0;
  std::string bid_price;
  boost::json::array configurations;
  boost::json::object ebs_configuration;
};

struct InstanceFleet {
  std::string id;
  std::string name;
  std::string type;  // MASTER | CORE | TASK
  std::int64_t target_on_demand = 0;
  std::int64_t target_spot = 0;
  boost::json::array instance_type_configs;
  boost::json::object launch_specifications;
  boost::json::object resize_specifications;
};

enum class InstanceCollectionType { kInstanceGroup, kInstanceFleet };

// What a client asks for in RunJobFlow, after validation.
struct ClusterSpec {
  std::string name;
  std::string log_uri;
  std::string release_label;
  std::string ami_version;
  bool keep_alive = false;  // Instances.KeepJobFlowAliveWhenNoSteps (API default false)
  bool termination_protected = false;
  bool visible_to_all_users = true;
  int step_concurrency_level = 1;
  std::optional<std::int64_t> idle_timeout_s;  // AutoTerminationPolicy.IdleTimeout
  std::vector<Tag> tags;
  std::vector<BootstrapAction> bootstrap_actions;
  InstanceCollectionType collection = InstanceCollectionType::kInstanceGroup;
  std::vector<InstanceGroup> instance_groups;  // ids assigned by the engine
  std::vector<InstanceFleet> instance_fleets;  // ids assigned by the engine
  boost::json::array configurations;  // Configurations; spark-defaults picks the Spark master
  // Fields jobflow stores and echoes without acting on them (Applications, ServiceRole,
  // JobFlowRole, SecurityConfiguration, Ec2 attributes, ...), in the wire names of DescribeCluster.
  boost::json::object echo;
};

struct Cluster {
  std::string id;
  std::string arn;
  std::string region;
  std::string account;
  std::int64_t seq = 0;
  std::int64_t version = 0;
  ClusterSpec spec;
  ClusterState state = ClusterState::kStarting;
  std::optional<ClusterReasonCode> reason_code;
  std::string reason_message;
  TimestampMs created_ms = 0;
  TimestampMs ready_ms = 0;
  TimestampMs ended_ms = 0;
  // Bootstrap progress, persisted so that a restart resumes where it was.
  std::size_t bootstrap_next = 0;                   // index of the action to run next
  std::optional<JobHandle> bootstrap_job;  // the action running now
  TimestampMs idle_since_ms = 0;  // when it last became idle (WAITING, no active step)
  std::string log_root;           // local directory of <LogUri>/<cluster-id>
  std::string master_instance_id;
};

}  // namespace jobflow::model
