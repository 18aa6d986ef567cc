// EMR RunJobFlow.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult run_job_flow(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto req = decode_run_job_flow(in);
  if (!req) return std::unexpected(*in.error());
  req->region = ctx.region;
  req->account = ctx.account;
  auto cluster = emr.run_job_flow(std::move(*req));
  if (!cluster) return std::unexpected(to_wire(cluster.error()));
  return json::object{{"JobFlowId", cluster->id}, {"ClusterArn", cluster->arn}};
}

}  // namespace jobflow::frontend::emr
