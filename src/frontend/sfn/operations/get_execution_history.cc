// Step Functions GetExecutionHistory. The service keeps each event as its wire JSON text; the page
// is spliced together here without parsing it again.
#include <cstddef>

#include "frontend/sfn/operations/operations.h"
#include "frontend/sfn/sfn_decoders.h"
#include "frontend/sfn/sfn_errors.h"
#include "frontend/sfn/sfn_shapes.h"

namespace jobflow::frontend::sfn {
namespace json = boost::json;

AwsResult get_execution_history(SfnServices& sfn, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto arn = in.string("executionArn", true, kMaxArnLength);
  const auto max_results = decode_max_results(in);
  const bool reverse = in.boolean("reverseOrder").value_or(false);
  const bool include_data = in.boolean("includeExecutionData").value_or(true);
  const auto token = decode_next_token(in);
  if (!in.ok()) return std::unexpected(*in.error());
  auto page = sfn.executions.history(*arn, max_results, reverse, include_data, token);
  if (!page) return std::unexpected(to_wire(page.error()));

  std::size_t size = 32 + page->next_token.size();
  for (const auto& e : page->events) size += e.size() + 1;
  std::string out;
  out.reserve(size);
  out += "{\"events\":[";
  for (std::size_t i = 0; i < page->events.size(); ++i) {
    if (i) out += ',';
    out += page->events[i];
  }
  out += ']';
  if (!page->next_token.empty()) {
    JsonWriter token_text;  // escapes the token
    token_text.string(page->next_token);
    out += ",\"nextToken\":";
    out += token_text.str();
  }
  out += '}';
  return RawJson{std::move(out)};
}

}  // namespace jobflow::frontend::sfn
