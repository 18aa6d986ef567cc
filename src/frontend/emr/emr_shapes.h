#pragma once

#include <boost/json/object.hpp>

#include "model/cluster.h"
#include "model/step.h"

namespace jobflow::frontend::emr {

// Model -> wire shapes of the EMR API (emr-shapes.md).
boost::json::object cluster_shape(const model::Cluster& cluster);          // Cluster
boost::json::object cluster_summary_shape(const model::Cluster& cluster);  // ClusterSummary
boost::json::object cluster_status_shape(const model::Cluster& cluster);   // ClusterStatus
boost::json::object step_shape(const model::Step& step);                   // Step
boost::json::object step_summary_shape(const model::Step& step);           // StepSummary
boost::json::object step_config_shape(const model::StepSpec& spec);        // StepConfig (DescribeJobFlows)
boost::json::value epoch_seconds(TimestampMs ms);

}  // namespace jobflow::frontend::emr
