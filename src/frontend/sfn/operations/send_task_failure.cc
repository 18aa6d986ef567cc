// Step Functions SendTaskFailure: an activity or .waitForTaskToken task failed (error and cause
// are both optional).
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult send_task_failure(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  (void)ctx;
  InputReader in(input);
  auto token = in.string("taskToken", true, kMaxTaskTokenLength);
  auto error = in.string("error", false, 256);
  auto cause = in.string("cause", false, 32'768);
  if (!in.ok()) return std::unexpected(*in.error());
  if (auto done = sfn.tokens.fail(*token, std::move(error), std::move(cause)); !done) {
    return std::unexpected(to_wire(done.error()));
  }
  return json::object();
}

}  // namespace jobflow::frontend::sfn
