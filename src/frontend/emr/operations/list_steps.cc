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
  JsonWriter out;
  out.begin_object().key("Steps").begin_array();
  auto marker = emr.visit_steps(q, [&out](const model::Step& st) { write_step(out, st, false); });
  if (!marker) return std::unexpected(to_wire(marker.error()));
  out.end_array();
  if (!marker->empty()) out.key("Marker").string(*marker);
  out.end_object();
  return RawJson{out.take()};
}

}  // namespace jobflow::frontend::emr
