// Step Functions DescribeExecution.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult describe_execution(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("executionArn", true, kMaxArnLength);
  const bool include_data = decode_included_data(in);
  if (!in.ok()) return std::unexpected(*in.error());
  auto execution = sfn.executions.describe(*arn);
  if (!execution) return std::unexpected(to_wire(execution.error()));
  return describe_execution_shape(*execution, include_data);
}

}  // namespace jobflow::frontend::sfn
