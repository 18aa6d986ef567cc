// EMR DescribeCluster.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult describe_cluster(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto id = in.string("ClusterId", true);
  if (!in.ok()) return std::unexpected(*in.error());
  auto cluster = emr.describe_cluster(*id);
  if (!cluster) return std::unexpected(to_wire(cluster.error()));
  return json::object{{"Cluster", cluster_shape(*cluster)}};
}

}  // namespace jobflow::frontend::emr
