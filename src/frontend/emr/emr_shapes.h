#pragma once

#include <boost/json/object.hpp>

#include "base/json_writer.h"
#include "model/cluster.h"
#include "model/step.h"

namespace jobflow::frontend::emr {

// Model -> wire shapes of the EMR API (emr-shapes.md).
boost::json::object cluster_shape(const model::Cluster& cluster);          // Cluster
boost::json::object cluster_summary_shape(const model::Cluster& cluster);  // ClusterSummary
boost::json::object cluster_status_shape(const model::Cluster& cluster);   // ClusterStatus
// Step (with ExecutionRoleArn) or StepSummary (without), written straight to text: ListSteps and
// DescribeStep are the hottest reads.
void write_step(JsonWriter& out, const model::Step& step, bool with_execution_role);
boost::json::object step_config_shape(const model::StepSpec& spec);        // StepConfig (DescribeJobFlows)
boost::json::value epoch_seconds(TimestampMs ms);

}  // namespace jobflow::frontend::emr
