// Step Functions DeleteActivity.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult delete_activity(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("activityArn", true, kMaxArnLength);
  if (!in.ok()) return std::unexpected(*in.error());
  if (auto ok = sfn.activities.remove(*arn); !ok) return std::unexpected(to_wire(ok.error()));
  return json::object{};
}

}  // namespace jobflow::frontend::sfn
