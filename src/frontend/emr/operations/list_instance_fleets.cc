// EMR ListInstanceFleets.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult list_instance_fleets(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto req = read_listing_request(emr, in);
  if (!req) return std::unexpected(req.error());
  const auto& cluster = req->cluster;
  if (cluster.spec.collection != model::InstanceCollectionType::kInstanceFleet)
    return std::unexpected(collection_mismatch("ListInstanceFleets", false));
  json::array fleets;
  for (const auto& f : cluster.spec.instance_fleets) fleets.push_back(instance_fleet_shape(cluster, f));
  return paginate(std::move(fleets), "InstanceFleets", req->marker);
}

}  // namespace jobflow::frontend::emr
