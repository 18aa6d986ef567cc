#include "http/router.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace jobflow::http {
namespace {

Request make(std::string method, std::string target, std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.path = r.target.substr(0, r.target.find('?'));
  r.headers = std::move(headers);
  return r;
}

// Runs the router synchronously and returns what it replied.
Response dispatch(Router& router, Request request) {
  std::optional<Response> out;
  router.handle(std::move(request), [&out](Response r) { out = std::move(r); });
  EXPECT_TRUE(out.has_value());
  return out.value_or(Response{});
}

// A route that answers "<label>" plus its path parameters as "name=value;...".
Router::RouteFn answer(std::string label) {
  return [label](Request request, Reply reply) {
    std::string body = label;
    for (const auto& [k, v] : request.path_params) body += ";" + k + "=" + v;
    reply(Response::text(200, body));
  };
}

TEST(RouterTest, ExactRoute) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/batches", answer("list")));
  EXPECT_EQ(dispatch(router, make("GET", "/batches")).body, "list");
  EXPECT_EQ(dispatch(router, make("GET", "/batches?from=1")).body, "list");
  EXPECT_EQ(dispatch(router, make("GET", "/batches/")).body, "list");  // trailing slash ignored
}

TEST(RouterTest, PatternRouteFillsPathParams) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/batches/{id}/log", answer("log")));
  ASSERT_TRUE(router.add("GET", "/sessions/{sid}/statements/{stid}", answer("stmt")));
  EXPECT_EQ(dispatch(router, make("GET", "/batches/7/log?from=2")).body, "log;id=7");
  EXPECT_EQ(dispatch(router, make("GET", "/sessions/3/statements/9")).body, "stmt;sid=3;stid=9");
}

TEST(RouterTest, PathParamIsDecodedPerSegment) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/functions/{name}", answer("fn")));
  Request r = make("GET", "/functions/arn%3Aaws%3Alambda%2Fx");
  r.path = "/functions/arn:aws:lambda/x";  // what the server decodes; the raw target decides
  EXPECT_EQ(dispatch(router, std::move(r)).body, "fn;name=arn:aws:lambda/x");
}

TEST(RouterTest, PathParamAccessor) {
  Router router;
  std::optional<std::string> seen;
  ASSERT_TRUE(router.add("DELETE", "/batches/{id}", [&seen](Request request, Reply reply) {
    seen = std::string(request.path_param("id").value_or(""));
    EXPECT_FALSE(request.path_param("nope").has_value());
    reply(Response::json(200, "{}"));
  }));
  dispatch(router, make("DELETE", "/batches/42"));
  EXPECT_EQ(seen, "42");
}

TEST(RouterTest, LiteralSegmentBeatsParameter) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/sessions/{id}", answer("param")));
  ASSERT_TRUE(router.add("GET", "/sessions/active", answer("literal")));
  EXPECT_EQ(dispatch(router, make("GET", "/sessions/active")).body, "literal");
  EXPECT_EQ(dispatch(router, make("GET", "/sessions/5")).body, "param;id=5");
}

TEST(RouterTest, UnmatchedPathGoesToDefault404) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/batches", answer("list")));
  const Response r = dispatch(router, make("GET", "/nothing/here"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"message":"Not Found"})");
  EXPECT_EQ(dispatch(router, make("GET", "/batches/1/2")).status, 404);
}

TEST(RouterTest, CustomFallback) {
  Router router;
  router.set_fallback([](Request request, Reply reply) { reply(Response::text(404, "no " + request.path)); });
  EXPECT_EQ(dispatch(router, make("GET", "/x")).body, "no /x");
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/batches/{id}", answer("get")));
  ASSERT_TRUE(router.add("DELETE", "/batches/{id}", answer("delete")));
  const Response r = dispatch(router, make("POST", "/batches/1"));
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(r.headers[0].second, "GET, DELETE");
}

TEST(RouterTest, MethodFoundOnLessSpecificPattern) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/sessions/active", answer("literal")));
  ASSERT_TRUE(router.add("DELETE", "/sessions/{id}", answer("delete")));
  EXPECT_EQ(dispatch(router, make("DELETE", "/sessions/active")).body, "delete;id=active");
}

TEST(RouterTest, HeadFallsBackToGet) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/health", answer("ok")));
  EXPECT_EQ(dispatch(router, make("HEAD", "/health")).body, "ok");
}

TEST(RouterTest, PredicateRoutesComeFirst) {
  Router router;
  ASSERT_TRUE(router.add("POST", "/", answer("path")));
  router.add_amz_target("ElasticMapReduce.", answer("emr"));
  router.add_amz_target("AWSStepFunctions.", answer("sfn"));
  EXPECT_EQ(dispatch(router, make("POST", "/", {{"x-amz-target", "ElasticMapReduce.RunJobFlow"}})).body, "emr");
  EXPECT_EQ(dispatch(router, make("POST", "/", {{"x-amz-target", "AWSStepFunctions.StartExecution"}})).body,
            "sfn");
  EXPECT_EQ(dispatch(router, make("POST", "/", {{"x-amz-target", "Other.Op"}})).body, "path");
  EXPECT_EQ(dispatch(router, make("POST", "/")).body, "path");
  // Same header, wrong method or path: not an AWS JSON call.
  EXPECT_EQ(dispatch(router, make("GET", "/", {{"x-amz-target", "ElasticMapReduce.X"}})).status, 405);
}

TEST(RouterTest, CustomPredicate) {
  Router router;
  router.add_predicate([](const Request& r) { return r.header("x-debug").has_value(); }, answer("debug"));
  EXPECT_EQ(dispatch(router, make("GET", "/anything", {{"x-debug", "1"}})).body, "debug");
  EXPECT_EQ(dispatch(router, make("GET", "/anything")).status, 404);
}

TEST(RouterTest, RejectsMalformedPatterns) {
  Router router;
  EXPECT_FALSE(router.add("GET", "batches", answer("x")));
  EXPECT_FALSE(router.add("GET", "/batches/{id", answer("x")));
  EXPECT_FALSE(router.add("GET", "/batches/x{id}", answer("x")));
  EXPECT_FALSE(router.add("GET", "/batches/{}", answer("x")));
  EXPECT_FALSE(router.add("GET", "/a/{id}/b/{id}", answer("x")));
  EXPECT_FALSE(router.add("", "/a", answer("x")));
  EXPECT_FALSE(router.add("GET", "/a", Router::RouteFn{}));
  const auto bad = router.add("GET", "/b/{x", answer("x"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
}

TEST(RouterTest, RejectsDuplicateRoute) {
  Router router;
  ASSERT_TRUE(router.add("GET", "/batches/{id}", answer("a")));
  EXPECT_FALSE(router.add("GET", "/batches/{id}/", answer("b")));
  EXPECT_TRUE(router.add("POST", "/batches/{id}", answer("c")));
}

TEST(RouterTest, RoutesToHandlerObject) {
  struct Fixed : Handler {
    void handle(Request, Reply reply) override { reply(Response::text(201, "made")); }
  } fixed;
  Router router;
  ASSERT_TRUE(router.add("POST", "/things", fixed));
  const Response r = dispatch(router, make("POST", "/things"));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, "made");
}

}  // namespace
}  // namespace jobflow::http
