// EMR ModifyCluster.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult modify_cluster(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto id = in.string("ClusterId", true);
  auto level = in.integer("StepConcurrencyLevel");
  auto extended = in.boolean("ExtendedSupport");
  if (!in.ok()) return std::unexpected(*in.error());
  std::optional<int> requested;
  if (level) {
    if (*level < INT32_MIN || *level > INT32_MAX) {
      in.invalid("StepConcurrencyLevel", std::to_string(*level), "Member must be between 1 and 256");
      return std::unexpected(*in.error());
    }
    requested = static_cast<int>(*level);
  }
  auto result = emr.modify_cluster(*id, requested);
  if (!result) return std::unexpected(to_wire(result.error()));
  json::object out{{"StepConcurrencyLevel", *result}};
  if (extended) out["ExtendedSupport"] = *extended;
  return out;
}

}  // namespace jobflow::frontend::emr
