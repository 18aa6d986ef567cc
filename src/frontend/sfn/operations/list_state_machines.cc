// Step Functions ListStateMachines.
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult list_state_machines(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  const auto max_results = decode_max_results(in);
  const auto token = decode_next_token(in);
  if (!in.ok()) return std::unexpected(*in.error());
  auto page = sfn.machines.list(ctx.region, ctx.account, max_results, token);
  if (!page) return std::unexpected(to_wire(page.error()));
  json::array items;
  for (const auto& m : page->items)
    items.push_back(json::object{{"stateMachineArn", m.arn},
                                 {"name", m.name},
                                 {"type", model::kStateMachineTypes.name(m.type)},
                                 {"creationDate", epoch_seconds(m.created_ms)}});
  json::object out{{"stateMachines", std::move(items)}};
  if (!page->next_token.empty()) out["nextToken"] = page->next_token;
  return out;
}

}  // namespace jobflow::frontend::sfn
