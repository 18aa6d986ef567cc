#pragma once

#include <boost/json/object.hpp>

#include "engine/emr/emr_service.h"
#include "frontend/aws_json/aws_json_service.h"

namespace jobflow::frontend::emr {

// One function per EMR operation, each in its own file; emr_api.cc holds the dispatch table.
AwsResult run_job_flow(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult describe_cluster(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult list_clusters(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult terminate_job_flows(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult set_termination_protection(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult set_keep_job_flow_alive_when_no_steps(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult set_visible_to_all_users(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult modify_cluster(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult modify_instance_groups(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult modify_instance_fleet(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult add_job_flow_steps(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult list_steps(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult describe_step(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult cancel_steps(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult add_tags(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult remove_tags(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult list_bootstrap_actions(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult list_instance_groups(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult list_instance_fleets(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult list_instances(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult put_auto_termination_policy(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult get_auto_termination_policy(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult remove_auto_termination_policy(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);
AwsResult describe_job_flows(engine::EmrService& emr, const AwsRequestContext& ctx, const boost::json::object& input);

}  // namespace jobflow::frontend::emr
