// EMR ModifyInstanceFleet: new target capacities for a fleet a cluster describes (no machines move).
#include "frontend/aws_json/input_reader.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult modify_instance_fleet(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto cluster = in.string("ClusterId", true);
  const json::object* fleet = in.object("InstanceFleet", true);
  if (!in.ok()) return std::unexpected(*in.error());
  InputReader f(*fleet, "InstanceFleet");
  auto id = f.string("InstanceFleetId", true);
  auto on_demand = f.integer("TargetOnDemandCapacity");
  auto spot = f.integer("TargetSpotCapacity");
  if (!f.ok()) return std::unexpected(*f.error());
  if (auto ok = emr.modify_instance_fleet(*cluster, *id, on_demand, spot); !ok) return std::unexpected(to_wire(ok.error()));
  return json::object();
}

}  // namespace jobflow::frontend::emr
