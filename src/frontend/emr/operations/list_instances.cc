// EMR ListInstances.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult list_instances(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto group_id = in.string("InstanceGroupId");
  auto group_types = in.strings("InstanceGroupTypes").value_or(std::vector<std::string>{});
  auto fleet_id = in.string("InstanceFleetId");
  auto fleet_type = in.string("InstanceFleetType");
  auto states = in.strings("InstanceStates").value_or(std::vector<std::string>{});
  auto req = read_listing_request(emr, in);
  if (!req) return std::unexpected(req.error());
  json::array instances;
  for (auto& inst : instance_shapes(req->cluster)) {
    auto& o = inst.as_object();
    const auto role = std::string(o["_Role"].as_string());
    o.erase("_Role");
    if (group_id && (!o.contains("InstanceGroupId") || o["InstanceGroupId"].as_string() != *group_id)) continue;
    if (fleet_id && (!o.contains("InstanceFleetId") || o["InstanceFleetId"].as_string() != *fleet_id)) continue;
    if (!group_types.empty() && std::find(group_types.begin(), group_types.end(), role) == group_types.end()) continue;
    if (fleet_type && role != *fleet_type) continue;
    const std::string state(o["Status"].as_object()["State"].as_string());
    if (!states.empty() && std::find(states.begin(), states.end(), state) == states.end()) continue;
    instances.push_back(std::move(inst));
  }
  return paginate(std::move(instances), "Instances", req->marker);
}

}  // namespace jobflow::frontend::emr
