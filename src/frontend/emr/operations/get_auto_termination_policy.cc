// EMR GetAutoTerminationPolicy.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult get_auto_termination_policy(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto id = in.string("ClusterId", true);
  if (!in.ok()) return std::unexpected(*in.error());
  auto policy = emr.get_auto_termination_policy(*id);
  if (!policy) return std::unexpected(to_wire(policy.error()));
  json::object out;
  if (*policy) out["AutoTerminationPolicy"] = json::object{{"IdleTimeout", **policy}};
  return out;
}

}  // namespace jobflow::frontend::emr
