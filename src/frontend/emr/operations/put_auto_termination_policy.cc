// EMR PutAutoTerminationPolicy.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult put_auto_termination_policy(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto id = in.string("ClusterId", true);
  std::optional<std::int64_t> timeout;
  if (const auto* policy = in.object("AutoTerminationPolicy")) {
    InputReader p(*policy, "autoTerminationPolicy");
    timeout = p.integer("IdleTimeout");
    if (!p.ok()) in.set_error(*p.error());
  }
  if (!in.ok()) return std::unexpected(*in.error());
  if (!timeout) return std::unexpected(WireError{400, "ValidationException", "AutoTerminationPolicy.IdleTimeout is required.", {}});
  if (auto ok = emr.put_auto_termination_policy(*id, *timeout); !ok) return std::unexpected(to_wire(ok.error()));
  return json::object{};
}

}  // namespace jobflow::frontend::emr
