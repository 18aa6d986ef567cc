// Step Functions ListTagsForResource.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"
#include "engine/sfn/sfn_arn.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult list_tags_for_resource(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("resourceArn", true, kMaxArnLength);
  if (!in.ok()) return std::unexpected(*in.error());
  auto parsed = engine::sfn::parse_arn(*arn);
  if (!parsed) return std::unexpected(to_wire(parsed.error()));
  auto tags = parsed->kind == engine::sfn::ArnKind::kActivity ? sfn.activities.tags(*arn) : sfn.machines.tags(*arn);
  if (!tags) return std::unexpected(to_wire(tags.error()));
  return json::object{{"tags", tags_shape(*tags)}};
}

}  // namespace jobflow::frontend::sfn
