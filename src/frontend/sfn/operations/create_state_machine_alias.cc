// Step Functions CreateStateMachineAlias.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult create_state_machine_alias(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto name = in.string("name", true);
  auto description = in.string("description", false, 256);
  auto routing = decode_routing(in, true);
  if (!in.ok()) return std::unexpected(*in.error());
  auto alias = sfn.machines.create_alias(*name, description.value_or(""), std::move(*routing));
  if (!alias) return std::unexpected(to_wire(alias.error()));
  return json::object{{"stateMachineAliasArn", alias->arn}, {"creationDate", epoch_seconds(alias->created_ms)}};
}

}  // namespace jobflow::frontend::sfn
