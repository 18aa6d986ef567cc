// RunJobFlow request validation, driven by test/data/emr_run_job_flow_cases.json: each case is a
// request body and either the expected instance groups or the expected wire error.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "frontend/emr/emr_decoders.h"

namespace jobflow::frontend::emr {
namespace {
namespace json = boost::json;

std::vector<json::object> load_cases() {
  std::ifstream in(std::string(JOBFLOW_TEST_DATA) + "/emr_run_job_flow_cases.json");
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<json::object> out;
  const json::value cases = json::parse(ss.str());
  for (const auto& c : cases.as_array()) out.push_back(c.as_object());
  return out;
}

class RunJobFlowCases : public ::testing::TestWithParam<json::object> {};

TEST_P(RunJobFlowCases, DecodesOrRejects) {
  const auto& c = GetParam();
  InputReader in(c.at("input").as_object());
  auto req = decode_run_job_flow(in);
  if (const auto* err = c.if_contains("error")) {
    ASSERT_FALSE(req) << "accepted a bad request";
    ASSERT_TRUE(in.error());
    EXPECT_EQ(in.error()->status, 400);
    EXPECT_EQ(in.error()->type, err->as_array()[0].as_string());
    if (!err->as_array()[1].is_null()) {
      EXPECT_EQ(in.error()->message, err->as_array()[1].as_string());
    }
    return;
  }
  ASSERT_TRUE(req) << in.error()->message;
  const auto& groups = c.at("groups").as_array();
  ASSERT_EQ(req->spec.instance_groups.size(), groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) {
    EXPECT_EQ(req->spec.instance_groups[i].role, groups[i].as_array()[0].as_string());
    EXPECT_EQ(req->spec.instance_groups[i].instance_type, groups[i].as_array()[1].as_string());
    EXPECT_EQ(req->spec.instance_groups[i].requested_count, groups[i].as_array()[2].as_int64());
  }
}

INSTANTIATE_TEST_SUITE_P(Data, RunJobFlowCases, ::testing::ValuesIn(load_cases()), [](const auto& info) {
  std::string name(info.param.at("name").as_string());
  for (auto& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

TEST(RunJobFlowDecoder, DefaultsAndEchoedFields) {
  auto body = json::parse(R"({"Name":"c","ServiceRole":"EMR_DefaultRole","JobFlowRole":"EMR_EC2_DefaultRole",
    "ReleaseLabel":"emr-7.1.0","Applications":[{"Name":"Spark"}],
    "Instances":{"InstanceCount":1,"Ec2KeyName":"k","Placement":{"AvailabilityZone":"us-east-1a"}},
    "Steps":[{"Name":"s","HadoopJarStep":{"Jar":"command-runner.jar","Args":["echo"],
              "Properties":[{"Key":"a","Value":"b"}]}}],
    "Tags":[{"Key":"team","Value":"data"}],"AutoTerminationPolicy":{"IdleTimeout":3600}})");
  InputReader in(body.as_object());
  auto req = decode_run_job_flow(in);
  ASSERT_TRUE(req);
  EXPECT_FALSE(req->spec.keep_alive);  // the API default
  EXPECT_EQ(req->steps[0].action_on_failure, model::ActionOnFailure::kTerminateCluster);
  EXPECT_EQ(req->steps[0].hadoop_jar_step.properties.at(0), (std::pair<std::string, std::string>{"a", "b"}));
  EXPECT_EQ(req->spec.idle_timeout_s, 3600);
  EXPECT_EQ(req->spec.tags.at(0).key, "team");
  const auto& ec2 = req->spec.echo.at("Ec2InstanceAttributes").as_object();
  EXPECT_EQ(ec2.at("IamInstanceProfile").as_string(), "EMR_EC2_DefaultRole");
  EXPECT_EQ(ec2.at("Ec2KeyName").as_string(), "k");
  EXPECT_EQ(ec2.at("Ec2AvailabilityZone").as_string(), "us-east-1a");
  EXPECT_EQ(req->spec.echo.at("Applications").as_array().size(), 1u);
}

}  // namespace
}  // namespace jobflow::frontend::emr
