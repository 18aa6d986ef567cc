// EMR ListInstanceGroups.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult list_instance_groups(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto id = in.string("ClusterId", true);
  auto marker = in.string("Marker");
  if (!in.ok()) return std::unexpected(*in.error());
  auto cluster = emr.describe_cluster(*id);
  if (!cluster) return std::unexpected(to_wire(cluster.error()));
  if (cluster->spec.collection != model::InstanceCollectionType::kInstanceGroup)
    return std::unexpected(WireError{400, "InvalidRequestException",
        "Instance groups and instance fleets are mutually exclusive. The EMR cluster specified in the request uses instance fleets. The ListInstanceGroups operation does not support clusters that use instance fleets. Use the ListInstanceFleets operation instead.", {}});
  json::array groups;
  for (const auto& g : cluster->spec.instance_groups) groups.push_back(instance_group_shape(*cluster, g));
  return paginate(std::move(groups), "InstanceGroups", marker);
}

}  // namespace jobflow::frontend::emr
