// Step Functions RedriveExecution.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult redrive_execution(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("executionArn", true, kMaxArnLength);
  auto client_token = in.string("clientToken", false, 64);  // accepted; a repeat of a redrive is refused anyway
  if (!in.ok()) return std::unexpected(*in.error());
  auto redriven = sfn.executions.redrive(*arn);
  if (!redriven) return std::unexpected(to_wire(redriven.error()));
  return json::object{{"redriveDate", epoch_seconds(*redriven)}};
}

}  // namespace jobflow::frontend::sfn
