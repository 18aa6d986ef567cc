// EMR DescribeStep.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult describe_step(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto cluster_id = in.string("ClusterId", true);
  auto step_id = in.string("StepId", true);
  if (!in.ok()) return std::unexpected(*in.error());
  auto step = emr.describe_step(*cluster_id, *step_id);
  if (!step) return std::unexpected(to_wire(step.error()));
  JsonWriter out;
  out.begin_object().key("Step");
  write_step(out, *step, true);
  out.end_object();
  return RawJson{out.take()};
}

}  // namespace jobflow::frontend::emr
