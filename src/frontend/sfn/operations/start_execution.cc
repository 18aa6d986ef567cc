// Step Functions StartExecution.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult start_execution(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto request = decode_start_execution(in);
  if (!in.ok()) return std::unexpected(*in.error());
  auto started = sfn.executions.start(ctx.region, ctx.account, std::move(request));
  if (!started) return std::unexpected(to_wire(started.error()));
  return json::object{{"executionArn", started->execution_arn}, {"startDate", epoch_seconds(started->start_ms)}};
}

}  // namespace jobflow::frontend::sfn
