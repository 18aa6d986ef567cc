// EMR ListSteps.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult list_steps(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  engine::ListStepsQuery q;
  q.cluster_id = in.string("ClusterId", true).value_or("");
  q.marker = in.string("Marker").value_or("");
  q.step_ids = in.strings("StepIds").value_or(std::vector<std::string>{});
  for (const auto& s : in.strings("StepStates").value_or(std::vector<std::string>{}))
    if (auto state = decode_enum(in, "StepStates", s, model::kStepStates)) q.states.push_back(*state);
  if (!in.ok()) return std::unexpected(*in.error());
  auto page = emr.list_steps(q);
  if (!page) return std::unexpected(to_wire(page.error()));
  json::array steps;
  for (const auto& s : page->items) steps.push_back(step_summary_shape(s));
  json::object out{{"Steps", std::move(steps)}};
  if (!page->marker.empty()) out["Marker"] = page->marker;
  return out;
}

}  // namespace jobflow::frontend::emr
