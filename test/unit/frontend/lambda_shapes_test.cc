// Model -> Lambda wire shapes: exact JSON text for FunctionConfiguration, GetFunction, ListFunctions,
// and the Invoke response pieces.
#include <gtest/gtest.h>

#include <functional>

#include "frontend/lambda/lambda_shapes.h"

#include "engine/functions/function_names.h"

namespace jobflow::frontend::lambda {
namespace {

using engine::functions::format_last_modified;
using engine::functions::function_arn;
using engine::functions::function_exists_message;
using engine::functions::function_not_found_message;

model::FunctionConfig sample() {
  model::FunctionConfig c;
  c.function_name = "my-fn";
  c.function_arn = function_arn("us-east-1", "123456789012", "my-fn");
  c.runtime = model::Runtime::kPython312;
  c.role = "arn:aws:iam::123456789012:role/r";
  c.handler = "app.handler";
  c.code_size = 22;
  c.last_modified = format_last_modified(1714557600000);
  c.code_sha256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
  c.revision_id = "1b2c";
  c.state = model::FunctionState::kPending;
  c.state_reason = "The function is being created.";
  c.state_reason_code = "Creating";
  return c;
}

const std::string kTail =
    R"("PackageType":"Zip","Architectures":["x86_64"],"EphemeralStorage":{"Size":512},)"
    R"("SnapStart":{"ApplyOn":"None","OptimizationStatus":"Off"},)"
    R"("LoggingConfig":{"LogFormat":"Text","LogGroup":"/aws/lambda/my-fn"}})";
const std::string kHead =
    R"({"FunctionName":"my-fn","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:my-fn",)"
    R"("Runtime":"python3.12","Role":"arn:aws:iam::123456789012:role/r","Handler":"app.handler","CodeSize":22,)"
    R"("Description":"","Timeout":3,"MemorySize":128,"LastModified":"2024-05-01T10:00:00.000+0000",)"
    R"("CodeSha256":"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=","Version":"$LATEST",)";

TEST(LambdaShapes, FunctionConfiguration) {
  struct Case {
    std::string label;
    std::function<void(model::FunctionConfig&)> change;
    std::string middle;  // between kHead and kTail
  };
  const std::vector<Case> cases = {
      {"creating", [](auto&) {},
       R"("TracingConfig":{"Mode":"PassThrough"},"RevisionId":"1b2c","State":"Pending",)"
       R"("StateReason":"The function is being created.","StateReasonCode":"Creating",)"},
      {"active", [](auto& c) {
         c.state = model::FunctionState::kActive;
         c.last_update_status = model::LastUpdateStatus::kSuccessful;
       },
       R"("TracingConfig":{"Mode":"PassThrough"},"RevisionId":"1b2c","State":"Active","LastUpdateStatus":"Successful",)"},
      {"updating, with environment", [](auto& c) {
         c.state = model::FunctionState::kActive;
         c.last_update_status = model::LastUpdateStatus::kInProgress;
         c.last_update_status_reason = "The function is being created.";
         c.last_update_status_reason_code = "Creating";
         c.environment = model::EnvironmentVariables{{"B", "2"}, {"A", "\"1\""}};
       },
       R"("Environment":{"Variables":{"B":"2","A":"\"1\""}},"TracingConfig":{"Mode":"PassThrough"},"RevisionId":"1b2c",)"
       R"("State":"Active","LastUpdateStatus":"InProgress","LastUpdateStatusReason":"The function is being created.",)"
       R"("LastUpdateStatusReasonCode":"Creating",)"},
      {"empty environment", [](auto& c) {
         c.state = model::FunctionState::kActive;
         c.environment = model::EnvironmentVariables{};
       },
       R"("Environment":{"Variables":{}},"TracingConfig":{"Mode":"PassThrough"},"RevisionId":"1b2c","State":"Active",)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    auto config = sample();
    c.change(config);
    EXPECT_EQ(function_configuration_json(config), kHead + c.middle + kTail);
  }
}

TEST(LambdaShapes, GetFunctionAndList) {
  auto c = sample();
  c.state = model::FunctionState::kActive;
  const std::string config = function_configuration_json(c);
  EXPECT_EQ(get_function_json(c, "http://localhost:8080/code/my-fn.zip"),
            R"({"Configuration":)" + config +
                R"(,"Code":{"RepositoryType":"S3","Location":"http://localhost:8080/code/my-fn.zip"}})");
  c.tags = {{"team", "data"}};
  EXPECT_EQ(get_function_json(c, "u"),
            R"({"Configuration":)" + function_configuration_json(c) +
                R"(,"Code":{"RepositoryType":"S3","Location":"u"},"Tags":{"team":"data"}})");
  EXPECT_EQ(list_functions_json({}, std::nullopt), R"({"Functions":[]})");
  EXPECT_EQ(list_functions_json({c, c}, std::string("m2")),
            R"({"NextMarker":"m2","Functions":[)" + function_configuration_json(c) + "," +
                function_configuration_json(c) + "]}");
}

TEST(LambdaShapes, Formats) {
  EXPECT_EQ(format_last_modified(0), "1970-01-01T00:00:00.000+0000");
  EXPECT_EQ(format_last_modified(1714557600123), "2024-05-01T10:00:00.123+0000");
  EXPECT_EQ(format_last_modified(1709251199999), "2024-02-29T23:59:59.999+0000");
  EXPECT_EQ(function_not_found_message("arn:aws:lambda:us-east-1:123456789012:function:x"),
            "Function not found: arn:aws:lambda:us-east-1:123456789012:function:x");
  EXPECT_EQ(function_exists_message("x"), "Function already exist: x");
}

std::string header(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "<none>";
}

TEST(LambdaShapes, Invoke) {
  EXPECT_EQ(parse_invocation_type("").value(), InvocationType::kRequestResponse);
  EXPECT_EQ(parse_invocation_type("Event").value(), InvocationType::kEvent);
  EXPECT_EQ(parse_invocation_type("DryRun").value(), InvocationType::kDryRun);
  auto bad = parse_invocation_type("Sync");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().resource, "request");
  EXPECT_EQ(bad.error().message,
            "1 validation error detected: Value 'Sync' at 'invocationType' failed to satisfy constraint: Member must "
            "satisfy enum value set: [Event, RequestResponse, DryRun]");
  EXPECT_EQ(parse_log_type("Tail").value(), LogType::kTail);
  EXPECT_FALSE(parse_log_type("tail").has_value());

  const InvokeOutcome ok{R"({"statusCode": 200})", "", "START\nEND\n"};
  auto r = invoke_response(InvocationType::kRequestResponse, LogType::kNone, ok);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, ok.payload);  // passed through byte for byte
  EXPECT_EQ(header(r, "X-Amz-Executed-Version"), "$LATEST");
  EXPECT_EQ(header(r, "X-Amz-Function-Error"), "<none>");
  EXPECT_EQ(header(r, "X-Amz-Log-Result"), "<none>");

  const InvokeOutcome failed{R"({"errorMessage":"boom","errorType":"Exception"})", "Unhandled", "log"};
  r = invoke_response(InvocationType::kRequestResponse, LogType::kTail, failed);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(header(r, "X-Amz-Function-Error"), "Unhandled");
  EXPECT_EQ(header(r, "X-Amz-Log-Result"), "bG9n");

  EXPECT_EQ(invoke_response(InvocationType::kEvent, LogType::kNone, ok).status, 202);
  EXPECT_EQ(invoke_response(InvocationType::kEvent, LogType::kNone, ok).body, "");
  EXPECT_EQ(invoke_response(InvocationType::kDryRun, LogType::kNone, ok).status, 204);

  const std::string long_log = std::string(5000, 'a') + std::string(4096, 'b');
  EXPECT_EQ(log_result(long_log), log_result(std::string(4096, 'b')));
}

}  // namespace
}  // namespace jobflow::frontend::lambda
