// Step Functions DescribeActivity.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult describe_activity(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("activityArn", true, kMaxArnLength);
  if (!in.ok()) return std::unexpected(*in.error());
  auto activity = sfn.activities.describe(*arn);
  if (!activity) return std::unexpected(to_wire(activity.error()));
  return describe_activity_shape(*activity);
}

}  // namespace jobflow::frontend::sfn
