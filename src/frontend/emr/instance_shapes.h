#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/emr/emr_service.h"
#include "frontend/aws_json/aws_json_service.h"
#include "frontend/aws_json/input_reader.h"
#include "model/cluster.h"
#include "model/step.h"

namespace jobflow::frontend::emr {

// Instance groups, fleets and instances describe what RunJobFlow asked for: jobflow runs steps on
// its executor, not on EC2 machines. Their states follow the cluster's.
boost::json::object instance_group_shape(const model::Cluster& cluster, const model::InstanceGroup& group);
boost::json::object instance_fleet_shape(const model::Cluster& cluster, const model::InstanceFleet& fleet);
// Every instance of the cluster; each carries a private "_Role" member for filtering.
std::vector<boost::json::value> instance_shapes(const model::Cluster& cluster);
// DescribeJobFlows' JobFlowDetail, with its older state names.
boost::json::object job_flow_detail_shape(const model::Cluster& cluster, const std::vector<model::Step>& steps);
// The cluster named by a List* request's ClusterId, and its Marker. Reads those two members after
// whatever the caller read from `in`, and fails with the first problem of any of them.
struct ListingRequest {
  model::Cluster cluster;
  std::optional<std::string> marker;
};
std::expected<ListingRequest, WireError> read_listing_request(engine::EmrService& emr, InputReader& in);
// ListInstanceGroups on a fleet cluster, or ListInstanceFleets on a group cluster.
WireError collection_mismatch(std::string_view operation, bool cluster_uses_fleets);
// 50 items a page; Marker is the index of the next item.
AwsResult paginate(boost::json::array items, std::string_view key, const std::optional<std::string>& marker);

}  // namespace jobflow::frontend::emr
