// EMR SetKeepJobFlowAliveWhenNoSteps.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult set_keep_job_flow_alive_when_no_steps(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto ids = in.strings("JobFlowIds", true);
  auto value = in.boolean("KeepJobFlowAliveWhenNoSteps", true);
  if (!in.ok()) return std::unexpected(*in.error());
  if (auto ok = emr.set_keep_job_flow_alive(*ids, *value); !ok) return std::unexpected(to_wire(ok.error()));
  return json::object{};
}

}  // namespace jobflow::frontend::emr
