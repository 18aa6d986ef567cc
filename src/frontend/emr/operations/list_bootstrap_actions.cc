// EMR ListBootstrapActions.
#include <algorithm>

#include "frontend/emr/emr_decoders.h"
#include "frontend/emr/emr_errors.h"
#include "frontend/emr/emr_shapes.h"
#include "frontend/emr/instance_shapes.h"
#include "frontend/emr/operations/operations.h"

namespace jobflow::frontend::emr {
namespace json = boost::json;

AwsResult list_bootstrap_actions(engine::EmrService& emr, const AwsRequestContext& ctx, const json::object& input) {
  InputReader in(input);
  auto req = read_listing_request(emr, in);
  if (!req) return std::unexpected(req.error());
  json::array actions;
  for (const auto& ba : req->cluster.spec.bootstrap_actions) {
    json::array args;
    for (const auto& a : ba.args) args.emplace_back(a);
    actions.push_back(json::object{{"Name", ba.name}, {"ScriptPath", ba.path}, {"Args", std::move(args)}});
  }
  return paginate(std::move(actions), "BootstrapActions", req->marker);
}

}  // namespace jobflow::frontend::emr
