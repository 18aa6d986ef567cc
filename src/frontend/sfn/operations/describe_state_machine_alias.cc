// Step Functions DescribeStateMachineAlias.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult describe_state_machine_alias(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("stateMachineAliasArn", true, kMaxArnLength);
  if (!in.ok()) return std::unexpected(*in.error());
  auto alias = sfn.machines.describe_alias(*arn);
  if (!alias) return std::unexpected(to_wire(alias.error()));
  return describe_alias_shape(*alias);
}

}  // namespace jobflow::frontend::sfn
