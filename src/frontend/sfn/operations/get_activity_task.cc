// Step Functions GetActivityTask: a worker's long poll (up to 60 s) for the oldest task of an
// activity. Asynchronous: a waiting poll holds a callback and a timer, not an io thread.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

void get_activity_task(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input, AwsReply reply) {
  (void)ctx;
  InputReader in(input);
  auto arn = in.string("activityArn", true, kMaxArnLength);
  auto worker = in.string("workerName", false, 80);
  if (!in.ok()) return reply(std::unexpected(*in.error()));
  sfn.activity_tasks.get_task(*arn, worker.value_or(""),
                              [reply = std::move(reply)](Result<engine::sfn::ActivityTask> task) {
                                if (!task) return reply(std::unexpected(to_wire(task.error())));
                                // Nothing within the poll: AWS answers without a token (SDKs see
                                // taskToken absent/None) and without input.
                                json::object out;
                                if (!task->token.empty()) {
                                  out["taskToken"] = task->token;
                                  out["input"] = task->input;
                                }
                                reply(AwsBody(std::move(out)));
                              });
}

}  // namespace jobflow::frontend::sfn
