#pragma once

#include "base/error.h"
#include "model/cluster.h"
#include "model/step.h"
#include "store/record.h"

namespace jobflow::engine {

// How the EMR engine keeps clusters and steps in the store: one record each, body in JSON.
// The format is the engine's own (not the wire's); fields are added compatibly (missing = default).
inline constexpr std::string_view kClusterKind = "emr.cluster";
inline constexpr std::string_view kStepKind = "emr.step";

store::Record to_record(const model::Cluster& cluster);
store::Record to_record(const model::Step& step);
Result<model::Cluster> cluster_from_record(const store::Record& record);
Result<model::Step> step_from_record(const store::Record& record);

}  // namespace jobflow::engine
