// Step Functions UntagResource.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"
#include "engine/sfn/sfn_arn.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult untag_resource(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("resourceArn", true, kMaxArnLength);
  auto keys = in.strings("tagKeys", true);
  if (!in.ok()) return std::unexpected(*in.error());
  auto parsed = engine::sfn::parse_arn(*arn);
  if (!parsed) return std::unexpected(to_wire(parsed.error()));
  auto ok = parsed->kind == engine::sfn::ArnKind::kActivity ? sfn.activities.untag(*arn, *keys)
                                                              : sfn.machines.untag(*arn, *keys);
  if (!ok) return std::unexpected(to_wire(ok.error()));
  return json::object{};
}

}  // namespace jobflow::frontend::sfn
