// Step Functions StartSyncExecution (EXPRESS state machines; SDKs send it to the "sync-" host).
// Asynchronous: the reply is sent when the execution ends, and no io thread waits for it.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

void start_sync_execution(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input, AwsReply reply) {
  InputReader in(input);
  auto request = decode_start_execution(in);
  const bool include_data = decode_included_data(in);
  if (!in.ok()) return reply(std::unexpected(*in.error()));
  sfn.executions.start_sync_async(ctx.region, ctx.account, std::move(request),
                                  [reply = std::move(reply), include_data](Result<model::Execution> done) {
                                    if (!done) return reply(std::unexpected(to_wire(done.error())));
                                    reply(AwsBody(sync_execution_shape(*done, include_data)));
                                  });
}

}  // namespace jobflow::frontend::sfn
