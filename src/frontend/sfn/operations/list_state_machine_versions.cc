// Step Functions ListStateMachineVersions.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult list_state_machine_versions(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("stateMachineArn", true, kMaxArnLength);
  const auto max_results = decode_max_results(in);
  const auto token = decode_next_token(in);
  if (!in.ok()) return std::unexpected(*in.error());
  auto page = sfn.machines.list_versions(*arn, max_results, token);
  if (!page) return std::unexpected(to_wire(page.error()));
  json::array items;
  for (const auto& v : page->items)
    items.push_back(json::object{{"stateMachineVersionArn", v.arn}, {"creationDate", epoch_seconds(v.created_ms)}});
  json::object out{{"stateMachineVersions", std::move(items)}};
  if (!page->next_token.empty()) out["nextToken"] = page->next_token;
  return out;
}

}  // namespace jobflow::frontend::sfn
