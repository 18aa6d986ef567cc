// Step Functions DeleteStateMachineVersion.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult delete_state_machine_version(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("stateMachineVersionArn", true, 2048);
  if (!in.ok()) return std::unexpected(*in.error());
  if (auto ok = sfn.machines.delete_version(*arn); !ok) return std::unexpected(to_wire(ok.error()));
  return json::object{};
}

}  // namespace jobflow::frontend::sfn
