// Step Functions DescribeStateMachine.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult describe_state_machine(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("stateMachineArn", true, kMaxArnLength);
  if (!in.ok()) return std::unexpected(*in.error());
  auto described = sfn.machines.describe(*arn);
  if (!described) return std::unexpected(to_wire(described.error()));
  if (described->version) return describe_version_shape(*described->version);
  return describe_state_machine_shape(described->machine);
}

}  // namespace jobflow::frontend::sfn
