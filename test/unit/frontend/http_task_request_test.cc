// Decoding an HTTP task's Parameters (arn:aws:states:::http:invoke) as tables: what is sent for
// good parameters, and the States.Runtime cause for bad ones.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "frontend/integrations/http_task_request.h"

namespace jobflow::frontend {
namespace {

struct Sent {
  std::string parameters;
  std::string method;
  std::string authority;  // Host header
  std::string target;
  std::vector<std::string> headers;  // "Name: value", in order
  std::string body = "";
  bool https = false;
  std::string connection_arn = "";
};

constexpr std::string_view kAgent = "User-Agent: Amazon|StepFunctions|HttpInvoke|us-east-1";
constexpr std::string_view kRange = "Range: bytes=0-262144";

std::vector<std::string> lines(const HttpTaskRequest& r) {
  std::vector<std::string> out;
  for (const auto& [name, value] : r.headers) out.push_back(name + ": " + value);
  return out;
}

TEST(HttpTaskRequest, WhatIsSent) {
  const std::string a(kAgent), r(kRange);
  const std::vector<Sent> cases = {
      {R"({"ApiEndpoint":"http://127.0.0.1:8998/batches","Method":"GET"})", "GET", "127.0.0.1:8998", "/batches", {a, r}},
      // A JSON body: compact, Content-Type application/json; charset=UTF-8 (AWS's example request).
      {R"({"ApiEndpoint":"http://localhost:8998/batches","Method":"POST","RequestBody":{"file":"/x.py","args":[1,"b"]}})",
       "POST", "localhost:8998", "/batches", {a, r, "Content-Type: application/json; charset=UTF-8"},
       R"({"file":"/x.py","args":[1,"b"]})"},
      // The definition's Content-Type wins; a string body is sent as it is.
      {R"({"ApiEndpoint":"http://h/p","Method":"PUT","Headers":{"content-type":"text/csv"},"RequestBody":"a,b\n1,2"})",
       "PUT", "h", "/p", {"content-type: text/csv", a, r}, "a,b\n1,2"},
      {R"({"ApiEndpoint":"http://h/p","Method":"POST","RequestBody":"plain"})", "POST", "h", "/p",
       {a, r, "Content-Type: text/plain; charset=UTF-8"}, "plain"},
      // URL_ENCODED bodies (default ArrayFormat INDICES) and a default form Content-Type.
      {R"({"ApiEndpoint":"https://api.example.com/v1/invoices","Method":"POST",
           "Headers":{"Content-Type":"application/x-www-form-urlencoded"},
           "RequestBody":{"description":"Monthly subscription","metadata":{"order_details":"monthly report data"},"customer":"1234567890"},
           "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"INDICES"}}})",
       "POST", "api.example.com", "/v1/invoices", {"Content-Type: application/x-www-form-urlencoded", a, r},
       "description=Monthly%20subscription&metadata%5Border_details%5D=monthly%20report%20data&customer=1234567890", true},
      {R"({"ApiEndpoint":"http://h/","Method":"POST","RequestBody":{"a":["x","y"]},
           "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"COMMAS"}}})",
       "POST", "h", "/", {a, r, "Content-Type: application/x-www-form-urlencoded"}, "a=x,y"},
      {R"({"ApiEndpoint":"http://h/","Method":"POST","RequestBody":{"a":1},"Transform":{"RequestBodyEncoding":"NONE"}})",
       "POST", "h", "/", {a, r, "Content-Type: application/json; charset=UTF-8"}, R"({"a":1})"},
      // QueryParameters: appended and URL-encoded (arrays as the ArrayFormat says); a string as given.
      {R"({"ApiEndpoint":"https://api.stripe.com/v1/customers/search","Method":"GET","QueryParameters":{"currency":"usd"}})",
       "GET", "api.stripe.com", "/v1/customers/search?currency=usd", {a, r}, "", true},
      {R"({"ApiEndpoint":"http://h/p?x=1","Method":"GET","QueryParameters":{"q":"a b","ids":[1,2]},
           "Transform":{"RequestEncodingOptions":{"ArrayFormat":"REPEAT"}}})",
       "GET", "h", "/p?x=1&q=a%20b&ids=1&ids=2", {a, r}},
      {R"({"ApiEndpoint":"http://h/p","Method":"GET","QueryParameters":"a=1&b=2"})", "GET", "h", "/p?a=1&b=2", {a, r}},
      {R"({"ApiEndpoint":"http://h/p","Method":"GET","QueryParameters":{}})", "GET", "h", "/p", {a, r}},
      // Headers: scalars as text, arrays as one line each; Authorization is allowed (jobflow has no
      // connections to carry credentials); User-Agent and Range are Step Functions' own.
      {R"({"ApiEndpoint":"http://h","Method":"DELETE","Headers":{"Authorization":"Bearer t","X-N":3,"X-B":true,
           "X-L":["1","2"],"User-Agent":"mine","range":"bytes=5-"}})",
       "DELETE", "h", "/", {"Authorization: Bearer t", "X-N: 3", "X-B: true", "X-L: 1", "X-L: 2", a, r}},
      // Ports and IPv6 literals; the scheme's default port is left out of Host.
      {R"({"ApiEndpoint":"http://[::1]:9000/a/b%20c","Method":"HEAD"})", "HEAD", "[::1]:9000", "/a/b%20c", {a, r}},
      {R"({"ApiEndpoint":"https://h:443/","Method":"OPTIONS"})", "OPTIONS", "h", "/", {a, r}, "", true},
      {R"({"ApiEndpoint":"HTTP://H:80","Method":"PATCH"})", "PATCH", "H", "/", {a, r}},
      // A fragment is not sent.
      {R"({"ApiEndpoint":"http://h/p#frag","Method":"GET"})", "GET", "h", "/p", {a, r}},
      // ConnectionArn (Authentication or InvocationConfig): kept, never applied.
      {R"({"ApiEndpoint":"http://h","Method":"GET","Authentication":{"ConnectionArn":"arn:aws:events:us-east-2:123456789012:connection/Stripe/81210c42-8af1-456b-9c4a-6ff02fc664ac"}})",
       "GET", "h", "/", {a, r}, "", false, "arn:aws:events:us-east-2:123456789012:connection/Stripe/81210c42-8af1-456b-9c4a-6ff02fc664ac"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","InvocationConfig":{"ConnectionArn":"arn:aws:events:eu-west-1:123456789012:connection/c"}})",
       "GET", "h", "/", {a, r}, "", false, "arn:aws:events:eu-west-1:123456789012:connection/c"},
  };
  for (const auto& c : cases) {
    auto request = HttpTaskRequest::decode(boost::json::parse(c.parameters), "us-east-1");
    ASSERT_TRUE(request) << c.parameters << "\n" << request.error().cause;
    EXPECT_EQ(request->method, c.method) << c.parameters;
    EXPECT_EQ(request->authority(), c.authority) << c.parameters;
    EXPECT_EQ(request->target, c.target) << c.parameters;
    EXPECT_EQ(lines(*request), c.headers) << c.parameters;
    EXPECT_EQ(request->has_body, !c.body.empty()) << c.parameters;
    EXPECT_EQ(request->body, c.body) << c.parameters;
    EXPECT_EQ(request->https, c.https) << c.parameters;
    EXPECT_EQ(request->connection_arn, c.connection_arn) << c.parameters;
  }
}

struct Refused {
  std::string parameters;
  std::string detail;  // inside "... could not be used to start the Task: [<detail>]"
};

TEST(HttpTaskRequest, RefusedParameters) {
  const std::vector<Refused> cases = {
      {R"({"Method":"GET"})", "The field 'ApiEndpoint' is required but was missing"},
      {R"({"ApiEndpoint":"http://h"})", "The field 'Method' is required but was missing"},
      {R"({"ApiEndpoint":"http://h","Method":"get"})",
       "The field 'Method' should have one of these values: [GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD]"},
      {R"({"ApiEndpoint":"http://h","Method":"TRACE"})",
       "The field 'Method' should have one of these values: [GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD]"},
      {R"({"ApiEndpoint":"http://h","Method":1})",
       "The field 'Method' should have one of these values: [GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD]"},
      {R"({"ApiEndpoint":7,"Method":"GET"})", "The value of the field 'ApiEndpoint' must be a string"},
      {R"({"ApiEndpoint":"/relative","Method":"GET"})", "The value of the field 'ApiEndpoint' is not a valid URL: '/relative'"},
      {R"({"ApiEndpoint":"ftp://h/x","Method":"GET"})",
       "The value of the field 'ApiEndpoint' must be an https:// or http:// URL: 'ftp://h/x'"},
      {R"({"ApiEndpoint":"http:///x","Method":"GET"})", "The value of the field 'ApiEndpoint' has no host: 'http:///x'"},
      {R"({"ApiEndpoint":"http://u:p@h/","Method":"GET"})",
       "The value of the field 'ApiEndpoint' must not hold credentials (user:password@); send an Authorization header in "
       "'Headers' instead"},
      {R"({"ApiEndpoint":"http://h:0/","Method":"GET"})", "The value of the field 'ApiEndpoint' has an invalid port: 'http://h:0/'"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","Header":{}})", "The field 'Header' is not supported by Step Functions"},
      // AWS's list of headers a definition may not set.
      {R"({"ApiEndpoint":"http://h","Method":"GET","Headers":{"Host":"x","X-Amz-Date":"1","x-forwarded-for":"1","Cookie":"ok"}})",
       "The 'Headers' field contains unsupported values: [host, x-amz-date, x-forwarded-for]"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","Headers":{"Transfer-Encoding":"chunked"}})",
       "The 'Headers' field contains unsupported values: [transfer-encoding]"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","Headers":"x"})", "The value of the field 'Headers' has an invalid format"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","Headers":{"X":{"a":1}}})", "The value of the field 'Headers' has an invalid format"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","Headers":{"X":"a\r\nY: b"}})", "The value of the field 'Headers' has an invalid format"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","Headers":{"Bad Name":"a"}})", "The value of the field 'Headers' has an invalid format"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","QueryParameters":[1]})",
       "The value of the field 'QueryParameters' must be an object or a string"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","QueryParameters":"a b"})",
       "The value of the field 'QueryParameters' is not a valid query string"},
      {R"({"ApiEndpoint":"http://h","Method":"POST","Transform":{"RequestBodyEncoding":"GZIP"}})",
       "The field 'RequestBodyEncoding' should have one of these values: [NONE, URL_ENCODED]"},
      {R"({"ApiEndpoint":"http://h","Method":"POST","Transform":{"RequestEncodingOptions":{"ArrayFormat":"indices"}}})",
       "The field 'ArrayFormat' should have one of these values: [BRACKETS, COMMAS, INDICES, REPEAT]"},
      {R"({"ApiEndpoint":"http://h","Method":"POST","Transform":"URL_ENCODED"})", "The value of the field 'Transform' must be an object"},
      {R"({"ApiEndpoint":"http://h","Method":"POST","RequestBody":[1],"Transform":{"RequestBodyEncoding":"URL_ENCODED"}})",
       "The value of the field 'RequestBody' must be an object or a string to be URL-encoded"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","Authentication":{}})",
       "The field 'Authentication.ConnectionArn' is required but was missing"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","Authentication":{"ConnectionArn":"arn:aws:events:us-east-1:123456789012:rule/x"}})",
       "The value of the field 'Authentication.ConnectionArn' must be an EventBridge connection ARN "
       "(arn:aws:events:<region>:<account>:connection/<name>/<id>)"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","InvocationConfig":{"ConnectionArn":"arn:aws:events:us-east-1:1234:connection/x"}})",
       "The value of the field 'InvocationConfig.ConnectionArn' must be an EventBridge connection ARN "
       "(arn:aws:events:<region>:<account>:connection/<name>/<id>)"},
      {R"({"ApiEndpoint":"http://h","Method":"GET","InvocationConfig":"arn"})", "The value of the field 'InvocationConfig' must be an object"},
      {R"("just a string")", "The value of the field 'Parameters' must be an object"},
      {R"(null)", "The field 'ApiEndpoint' is required but was missing"},
  };
  for (const auto& c : cases) {
    const auto parameters = boost::json::parse(c.parameters);
    auto request = HttpTaskRequest::decode(parameters, "us-east-1");
    ASSERT_FALSE(request) << c.parameters;
    EXPECT_EQ(request.error().error, "States.Runtime") << c.parameters;
    const std::string shown = c.parameters == "null" ? "{}" : asl::to_text(parameters);
    EXPECT_EQ(request.error().cause,
              "The Parameters '" + shown + "' could not be used to start the Task: [" + c.detail + "]")
        << c.parameters;
  }
}

}  // namespace
}  // namespace jobflow::frontend
