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
  auto req = read_listing_request(emr, in);
  if (!req) return std::unexpected(req.error());
  const auto& cluster = req->cluster;
  if (cluster.spec.collection != model::InstanceCollectionType::kInstanceGroup)
    return std::unexpected(collection_mismatch("ListInstanceGroups", true));
  json::array groups;
  for (const auto& g : cluster.spec.instance_groups) groups.push_back(instance_group_shape(cluster, g));
  return paginate(std::move(groups), "InstanceGroups", req->marker);
}

}  // namespace jobflow::frontend::emr
