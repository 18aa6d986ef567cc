// Step Functions PublishStateMachineVersion.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult publish_state_machine_version(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("stateMachineArn", true, kMaxArnLength);
  auto revision_id = in.string("revisionId", false, 2048);
  auto description = in.string("description", false, 256);
  if (!in.ok()) return std::unexpected(*in.error());
  auto version = sfn.machines.publish_version(*arn, std::move(revision_id), std::move(description));
  if (!version) return std::unexpected(to_wire(version.error()));
  return json::object{{"creationDate", epoch_seconds(version->created_ms)}, {"stateMachineVersionArn", version->arn}};
}

}  // namespace jobflow::frontend::sfn
