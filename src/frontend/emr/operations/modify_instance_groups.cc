// EMR ModifyInstanceGroups: new sizes for the groups a cluster describes (no machines move).
#include "frontend/aws_json/input_reader.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult modify_instance_groups(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto cluster = in.string("ClusterId");
  const json::array* groups = in.array("InstanceGroups");
  std::vector<engine::InstanceGroupResize> changes;
  if (groups != nullptr) {
    for (std::size_t i = 0; i < groups->size(); ++i) {
      const auto& g = (*groups)[i];
      if (!g.is_object()) continue;
      InputReader item(g.as_object(), "InstanceGroups." + std::to_string(i + 1) + ".member");
      auto id = item.string("InstanceGroupId", true);
      auto count = item.integer("InstanceCount");
      if (!item.ok()) return std::unexpected(*item.error());
      if (count) changes.push_back(engine::InstanceGroupResize{*id, *count});
    }
  }
  if (!in.ok()) return std::unexpected(*in.error());
  if (auto ok = emr.modify_instance_groups(cluster.value_or(""), changes); !ok) {
    return std::unexpected(to_wire(ok.error()));
  }
  return json::object();
}

}  // namespace jobflow::frontend::emr
