// Step Functions StopExecution.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult stop_execution(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("executionArn", true, kMaxArnLength);
  auto error = in.string("error", false, kMaxErrorLength);
  auto cause = in.string("cause", false, kMaxCauseLength);
  if (!in.ok()) return std::unexpected(*in.error());
  auto stopped = sfn.executions.stop(*arn, std::move(error), std::move(cause));
  if (!stopped) return std::unexpected(to_wire(stopped.error()));
  return json::object{{"stopDate", epoch_seconds(*stopped)}};
}

}  // namespace jobflow::frontend::sfn
