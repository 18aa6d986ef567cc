// Step Functions DescribeStateMachineForExecution: the definition the execution runs, as it was
// when it started.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult describe_state_machine_for_execution(SfnServices& sfn, const AwsRequestContext& ctx,
                                               const json::object& input) {
  InputReader in(input);
  auto arn = in.string("executionArn", true, kMaxArnLength);
  decode_included_data(in);  // validated; the definition is never left out
  if (!in.ok()) return std::unexpected(*in.error());
  auto described = sfn.executions.describe_state_machine_for(*arn);
  if (!described) return std::unexpected(to_wire(described.error()));
  return state_machine_for_execution_shape(*described);
}

}  // namespace jobflow::frontend::sfn
