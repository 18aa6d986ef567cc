// Step Functions UpdateStateMachineAlias.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult update_state_machine_alias(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("stateMachineAliasArn", true, kMaxArnLength);
  auto description = in.string("description", false, 256);
  auto routing = decode_routing(in, false);
  if (!in.ok()) return std::unexpected(*in.error());
  auto alias = sfn.machines.update_alias(*arn, std::move(description), std::move(routing));
  if (!alias) return std::unexpected(to_wire(alias.error()));
  return json::object{{"updateDate", epoch_seconds(alias->updated_ms)}};
}

}  // namespace jobflow::frontend::sfn
