// Step Functions CreateActivity.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult create_activity(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  engine::sfn::CreateActivityRequest req;
  req.region = ctx.region;
  req.account = ctx.account;
  req.name = in.string("name", true, kMaxNameLength).value_or("");
  req.tags = decode_tags(in, "tags", false);
  req.encryption = decode_encryption(in);
  if (!in.ok()) return std::unexpected(*in.error());
  auto activity = sfn.activities.create(std::move(req));
  if (!activity) return std::unexpected(to_wire(activity.error()));
  return json::object{{"activityArn", activity->arn}, {"creationDate", epoch_seconds(activity->created_ms)}};
}

}  // namespace jobflow::frontend::sfn
