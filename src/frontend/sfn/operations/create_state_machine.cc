// Step Functions CreateStateMachine.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult create_state_machine(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  engine::sfn::CreateStateMachineRequest req;
  req.region = ctx.region;
  req.account = ctx.account;
  req.name = in.string("name", true, kMaxNameLength).value_or("");
  req.definition = in.string("definition", true, kMaxDefinitionLength).value_or("");
  req.role_arn = in.string("roleArn", true, kMaxArnLength).value_or("");
  if (auto type = decode_type(in, "type")) req.type = *type;
  req.logging = decode_logging(in);
  req.tracing = decode_tracing(in);
  req.encryption = decode_encryption(in);
  req.tags = decode_tags(in, "tags", false);
  req.publish = in.boolean("publish").value_or(false);
  req.version_description = in.string("versionDescription", false, 256);
  if (!in.ok()) return std::unexpected(*in.error());
  auto created = sfn.machines.create(std::move(req));
  if (!created) return std::unexpected(to_wire(created.error()));
  json::object out{{"stateMachineArn", created->machine.arn}, {"creationDate", epoch_seconds(created->machine.created_ms)}};
  if (created->version) out["stateMachineVersionArn"] = created->version->arn;
  return out;
}

}  // namespace jobflow::frontend::sfn
