// EMR AddJobFlowSteps.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult add_job_flow_steps(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto id = in.string("JobFlowId", true, 256);
  auto steps = decode_steps(in, "Steps", true);
  auto role = in.string("ExecutionRoleArn").value_or("");
  if (!in.ok()) return std::unexpected(*in.error());
  auto ids = emr.add_job_flow_steps(*id, std::move(*steps), std::move(role));
  if (!ids) return std::unexpected(to_wire(ids.error()));
  json::array out;
  for (const auto& s : *ids) out.emplace_back(s);
  return json::object{{"StepIds", std::move(out)}};
}

}  // namespace jobflow::frontend::emr
