// EMR DescribeJobFlows.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult describe_job_flows(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto after = in.timestamp_ms("CreatedAfter");
  auto before = in.timestamp_ms("CreatedBefore");
  auto ids = in.strings("JobFlowIds").value_or(std::vector<std::string>{});
  auto wanted = in.strings("JobFlowStates").value_or(std::vector<std::string>{});
  if (!in.ok()) return std::unexpected(*in.error());
  auto flows = emr.describe_job_flows(ids, {}, after, before);
  if (!flows) return std::unexpected(to_wire(flows.error()));
  json::array out;
  for (const auto& [cluster, steps] : *flows) {
    auto detail = job_flow_detail_shape(cluster, steps);
    const std::string state(detail["ExecutionStatusDetail"].as_object()["State"].as_string());
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), state) == wanted.end()) continue;
    out.push_back(std::move(detail));
  }
  return json::object{{"JobFlows", std::move(out)}};
}

}  // namespace jobflow::frontend::emr
