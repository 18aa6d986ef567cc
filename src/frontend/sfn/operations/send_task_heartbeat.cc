// Step Functions SendTaskHeartbeat: restarts the task's HeartbeatSeconds window.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult send_task_heartbeat(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  (void)ctx;
  InputReader in(input);
  auto token = in.string("taskToken", true, kMaxTaskTokenLength);
  if (!in.ok()) return std::unexpected(*in.error());
  if (auto done = sfn.tokens.heartbeat(*token); !done) return std::unexpected(to_wire(done.error()));
  return json::object();
}

}  // namespace jobflow::frontend::sfn
