// EMR ListClusters.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult list_clusters(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  engine::ListClustersQuery q;
  q.created_after_ms = in.timestamp_ms("CreatedAfter");
  q.created_before_ms = in.timestamp_ms("CreatedBefore");
  q.marker = in.string("Marker").value_or("");
  for (const auto& s : in.strings("ClusterStates").value_or(std::vector<std::string>{}))
    if (auto state = decode_enum(in, "ClusterStates", s, model::kClusterStates)) q.states.push_back(*state);
  if (!in.ok()) return std::unexpected(*in.error());
  auto page = emr.list_clusters(q);
  if (!page) return std::unexpected(to_wire(page.error()));
  json::array clusters;
  for (const auto& c : page->items) clusters.push_back(cluster_summary_shape(c));
  json::object out{{"Clusters", std::move(clusters)}};
  if (!page->marker.empty()) out["Marker"] = page->marker;
  return out;
}

}  // namespace jobflow::frontend::emr
