// Step Functions ListExecutions (newest first).
#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

namespace {
constexpr std::size_t kMaxListTokenLength = 3096;  // ListExecutionsPageToken
constexpr std::size_t kMaxMapRunArnLength = 2000;  // LongArn
}  // namespace

AwsResult list_executions(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("stateMachineArn", false, kMaxArnLength);
  auto map_run_arn = in.string("mapRunArn", false, kMaxMapRunArnLength);
  const auto status = decode_execution_status(in, "statusFilter");
  const auto redrive = decode_redrive_filter(in);
  const auto max_results = decode_max_results(in);
  const auto token = decode_next_token(in, kMaxListTokenLength);
  if (!in.ok()) return std::unexpected(*in.error());
  // jobflow has no Distributed Map, hence no Map Runs to list the child executions of.
  if (map_run_arn)
    return std::unexpected(to_wire(Error::not_found("map_run", "Map Run Does Not Exist: '" + *map_run_arn + "'")));
  if (!arn)
    return std::unexpected(
        to_wire(Error::invalid_input("validation", "Must provide a StateMachine ARN or MapRun ARN")));
  auto page = sfn.executions.list(*arn, status, max_results, token);
  if (!page) return std::unexpected(to_wire(page.error()));

  JsonWriter out;
  out.begin_object().key("executions").begin_array();
  // No execution is ever redriven here: REDRIVEN selects none, NOT_REDRIVEN all.
  if (redrive != RedriveFilter::kRedriven)
    for (const auto& e : page->items) write_execution_list_item(out, e);
  out.end_array();
  if (!page->next_token.empty() && redrive != RedriveFilter::kRedriven) out.key("nextToken").string(page->next_token);
  out.end_object();
  return RawJson{out.take()};
}

}  // namespace jobflow::frontend::sfn
