// Step Functions StartSyncExecution (EXPRESS state machines; SDKs send it to the "sync-" host).
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult start_sync_execution(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto request = decode_start_execution(in);
  const bool include_data = decode_included_data(in);
  if (!in.ok()) return std::unexpected(*in.error());
  auto done = sfn.executions.start_sync(ctx.region, ctx.account, std::move(request));
  if (!done) return std::unexpected(to_wire(done.error()));
  return sync_execution_shape(*done, include_data);
}

}  // namespace jobflow::frontend::sfn
