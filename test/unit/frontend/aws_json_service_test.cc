#include "frontend/aws_json/aws_json_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "frontend/emr/emr_errors.h"

namespace jobflow::frontend {
namespace {
namespace json = boost::json;

http::Request post(std::string target, std::string body, std::string content_type = "application/x-amz-json-1.1") {
  http::Request r;
  r.method = "POST";
  r.target = r.path = "/";
  r.headers = {{"x-amz-target", std::move(target)}, {"content-type", std::move(content_type)},
               {"authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-central-1/elasticmapreduce/aws4_request, "
                "SignedHeaders=host, Signature=00"}};
  r.body = std::move(body);
  r.request_id = "rid";
  return r;
}

class AwsJsonServiceTest : public ::testing::Test {
 protected:
  AwsJsonServiceTest() : service_({.target_prefix = "ElasticMapReduce", .message_key = "Message"}, metrics_) {
    service_.add("Echo", [this](const AwsRequestContext& ctx, const json::object& in) -> AwsResult {
      last_ = ctx;
      return json::value(in);
    });
    service_.add("Fail", [](const AwsRequestContext&, const json::object&) -> AwsResult {
      return std::unexpected(emr::to_wire(Error::not_found("cluster", "Cluster id 'j-X' is not valid.")));
    });
  }
  http::Response call(http::Request r) {
    http::Response out;
    service_.handle(std::move(r), [&](http::Response resp) { out = std::move(resp); });
    return out;
  }
  std::string header(const http::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return {};
  }
  Metrics metrics_;
  AwsJsonService service_;
  AwsRequestContext last_;
};

TEST_F(AwsJsonServiceTest, DispatchesOnTargetAndTakesTheRegionFromTheCredentialScope) {
  auto r = call(post("ElasticMapReduce.Echo", R"({"a":1})"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"a":1})");
  EXPECT_EQ(r.content_type, "application/x-amz-json-1.1");
  EXPECT_EQ(last_.region, "eu-central-1");
  EXPECT_EQ(last_.operation, "Echo");
  EXPECT_EQ(last_.account, "123456789012");
  EXPECT_EQ(call(post("ElasticMapReduce.Echo", "")).status, 200);  // an empty body reads as {}
}

struct ClientErrorCase {
  const char* name;
  std::string target;
  std::string body;
  std::string content_type;
  int status;
  std::string type;
};

class AwsJsonClientErrors : public AwsJsonServiceTest, public ::testing::WithParamInterface<ClientErrorCase> {};

TEST_P(AwsJsonClientErrors, AreFourHundredsWithTheAwsErrorShape) {
  const auto& c = GetParam();
  auto r = call(post(c.target, c.body, c.content_type));
  EXPECT_EQ(r.status, c.status);
  EXPECT_EQ(header(r, "x-amzn-ErrorType"), c.type);
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("__type").as_string(), c.type);
  EXPECT_FALSE(body.at("Message").as_string().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Data, AwsJsonClientErrors,
    ::testing::Values(
        ClientErrorCase{"UnknownOperation", "ElasticMapReduce.Nope", "{}", "application/x-amz-json-1.1", 400, "UnknownOperationException"},
        ClientErrorCase{"OtherService", "AWSStepFunctions.ListStateMachines", "{}", "application/x-amz-json-1.0", 400, "UnknownOperationException"},
        ClientErrorCase{"MalformedJson", "ElasticMapReduce.Echo", "{", "application/x-amz-json-1.1", 400, "SerializationException"},
        ClientErrorCase{"NotAnObject", "ElasticMapReduce.Echo", "[1]", "application/x-amz-json-1.1", 400, "SerializationException"},
        ClientErrorCase{"WrongContentType", "ElasticMapReduce.Echo", "{}", "text/xml", 400, "SerializationException"},
        ClientErrorCase{"EngineNotFound", "ElasticMapReduce.Fail", "{}", "application/x-amz-json-1.1", 400, "InvalidRequestException"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(AwsJsonServiceTest, InvalidRequestExceptionCarriesErrorCode) {
  auto r = call(post("ElasticMapReduce.Fail", "{}"));
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("ErrorCode").as_string(), "NoSuchCluster");
  EXPECT_EQ(body.at("Message").as_string(), "Cluster id 'j-X' is not valid.");
}

TEST_F(AwsJsonServiceTest, CountsRequestsPerOperationAndStatus) {
  call(post("ElasticMapReduce.Echo", "{}"));
  call(post("ElasticMapReduce.Nope", "{}"));
  const auto text = metrics_.render();
  EXPECT_NE(text.find(R"(jobflow_aws_requests_total{service="ElasticMapReduce",operation="Echo",status="200"} 1)"), std::string::npos);
  EXPECT_NE(text.find(R"(operation="unknown",status="400"} 1)"), std::string::npos);
}

TEST(RegionFromAuthorization, ReadsTheCredentialScope) {
  EXPECT_EQ(AwsJsonService::region_from_authorization(
                "AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-south-1/elasticmapreduce/aws4_request, SignedHeaders=x"),
            "ap-south-1");
  EXPECT_EQ(AwsJsonService::region_from_authorization("garbage"), "");
  EXPECT_EQ(AwsJsonService::region_from_authorization(""), "");
}

struct MappingCase {
  ErrorCode code;
  const char* resource;
  int status;
  const char* type;
};

TEST(EmrErrorTable, MapsEveryCoreErrorToA4xxOrAServerFault) {
  const MappingCase cases[] = {
      {ErrorCode::kNotFound, "cluster", 400, "InvalidRequestException"},
      {ErrorCode::kNotFound, "step", 400, "InvalidRequestException"},
      {ErrorCode::kNotFound, "job_flow", 400, "ValidationException"},
      {ErrorCode::kInvalidInput, "cluster", 400, "ValidationException"},
      {ErrorCode::kInvalidInput, "tag", 400, "InvalidRequestException"},
      {ErrorCode::kInvalidState, "cluster", 400, "InvalidRequestException"},
      {ErrorCode::kInvalidState, "job_flow", 400, "ValidationException"},
      {ErrorCode::kLimitExceeded, "step", 400, "ValidationException"},
      {ErrorCode::kUnsupported, "step", 400, "ValidationException"},
      {ErrorCode::kInternal, "server", 500, "InternalServerException"},
  };
  for (const auto& c : cases) {
    auto w = emr::to_wire({c.code, c.resource, "m"});
    EXPECT_EQ(w.status, c.status) << c.resource;
    EXPECT_EQ(w.type, c.type) << c.resource;
  }
}

}  // namespace
}  // namespace jobflow::frontend
