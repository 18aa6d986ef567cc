// EMR CancelSteps.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult cancel_steps(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto cluster_id = in.string("ClusterId", true, 256);
  auto step_ids = in.strings("StepIds", true);
  auto option = model::StepCancellationOption::kSendInterrupt;
  if (auto o = in.string("StepCancellationOption"))
    if (auto parsed = decode_enum(in, "StepCancellationOption", *o, model::kStepCancellationOptions)) option = *parsed;
  if (!in.ok()) return std::unexpected(*in.error());
  auto outcomes = emr.cancel_steps(*cluster_id, *step_ids, option);
  if (!outcomes) return std::unexpected(to_wire(outcomes.error()));
  json::array list;
  for (const auto& o : *outcomes) {
    json::object info{{"StepId", o.step_id}, {"Status", o.submitted ? "SUBMITTED" : "FAILED"}};
    if (!o.reason.empty()) info["Reason"] = o.reason;
    list.push_back(std::move(info));
  }
  return json::object{{"CancelStepsInfoList", std::move(list)}};
}

}  // namespace jobflow::frontend::emr
