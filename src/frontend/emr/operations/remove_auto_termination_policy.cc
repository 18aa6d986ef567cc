// EMR RemoveAutoTerminationPolicy.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult remove_auto_termination_policy(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto id = in.string("ClusterId", true);
  if (!in.ok()) return std::unexpected(*in.error());
  if (auto ok = emr.remove_auto_termination_policy(*id); !ok) return std::unexpected(to_wire(ok.error()));
  return json::object{};
}

}  // namespace jobflow::frontend::emr
