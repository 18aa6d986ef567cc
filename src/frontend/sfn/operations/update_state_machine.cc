// Step Functions UpdateStateMachine.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult update_state_machine(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  engine::sfn::UpdateStateMachineRequest req;
  req.arn = in.string("stateMachineArn", true, kMaxArnLength).value_or("");
  req.definition = in.string("definition", false, kMaxDefinitionLength);
  req.role_arn = in.string("roleArn", false, kMaxArnLength);
  req.logging = decode_logging(in);
  req.tracing = decode_tracing(in);
  req.encryption = decode_encryption(in);
  req.publish = in.boolean("publish").value_or(false);
  req.version_description = in.string("versionDescription", false, 256);
  if (!in.ok()) return std::unexpected(*in.error());
  auto updated = sfn.machines.update(std::move(req));
  if (!updated) return std::unexpected(to_wire(updated.error()));
  json::object out{{"updateDate", epoch_seconds(updated->updated_ms)}, {"revisionId", updated->revision_id}};
  if (updated->version) out["stateMachineVersionArn"] = updated->version->arn;
  return out;
}

}  // namespace jobflow::frontend::sfn
