#include "http/server.h"

#include <gtest/gtest.h>

#include <future>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "raw_socket.h"
#include "server_fixture.h"

namespace jobflow::http {
namespace {

using testing::header_of;
using testing::RawSocket;

class ServerTest : public testing::ServerFixture {};

std::string get_request(std::string_view target, std::string_view extra = {}) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: t\r\n" + std::string(extra) + "\r\n";
}

TEST_F(ServerTest, RoutesExactPatternAndPredicate) {
  auto c = client();
  auto r = c.get("/batches");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(r->body, R"({"batches":[]})");

  r = c.get("/batches/17");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"id":"17"})");
  r = c.request("DELETE", "/batches/17");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"deleted":"17"})");
  r = c.get("/batches/17/log?from=5");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "17|5");

  r = c.post("/", "{}", {{"X-Amz-Target", "ElasticMapReduce.ListClusters"},
                         {"Content-Type", "application/x-amz-json-1.1"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"svc":"emr"})");
  r = c.post("/", "{}", {{"X-Amz-Target", "AWSStepFunctions.ListStateMachines"},
                         {"Content-Type", "application/x-amz-json-1.0"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"svc":"sfn"})");
}

TEST_F(ServerTest, UnknownPathIs404AndWrongMethodIs405) {
  auto c = client();
  auto r = c.get("/no/such/thing");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->body, R"({"message":"Not Found"})");

  r = c.request("PUT", "/batches/3");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(header_of(*r, "allow"), "GET, DELETE");
}

TEST_F(ServerTest, EchoesBodyAndContentType) {
  auto c = client();
  const std::string body = R"({"Name":"hello","n":[1,2,3]})";
  auto r = c.post("/echo", body, {{"Content-Type", "application/x-amz-json-1.0"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, body);
  EXPECT_EQ(r->content_type, "application/x-amz-json-1.0");
  EXPECT_EQ(header_of(*r, "content-length"), std::to_string(body.size()));
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  // The client reuses its connection: the server sees the same peer port every time.
  auto c = client();
  std::set<std::string> remotes;
  for (int i = 0; i < 5; ++i) {
    auto r = c.get("/remote");
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->body.starts_with("127.0.0.1:")) << r->body;
    remotes.insert(r->body);
  }
  EXPECT_EQ(remotes.size(), 1u);

  RawSocket s(server_->port());
  ASSERT_TRUE(s.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(s.send(get_request("/batches")));
    const std::string response = s.read_response();
    EXPECT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << response;
    EXPECT_TRUE(response.ends_with(R"({"batches":[]})"));
    EXPECT_EQ(response.find("Connection: close"), std::string::npos);
  }
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RawSocket s(server_->port());
  ASSERT_TRUE(s.send(get_request("/batches/1") + get_request("/batches/2") + get_request("/batches/3")));
  EXPECT_TRUE(s.read_response().ends_with(R"({"id":"1"})"));
  EXPECT_TRUE(s.read_response().ends_with(R"({"id":"2"})"));
  EXPECT_TRUE(s.read_response().ends_with(R"({"id":"3"})"));
}

TEST_F(ServerTest, ReplyFromAnotherThreadAfterHandlerReturned) {
  auto c = client();
  auto r = c.get("/later");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"later":true})");

  // A long poll: the test thread answers while the client waits; the connection stays usable.
  auto pending = std::async(std::launch::async, [this] { return client().get("/park"); });
  auto reply = parked_.take();
  ASSERT_TRUE(reply.has_value());
  (*reply)(Response::json(200, R"({"taskToken":"t"})"));
  const auto parked = pending.get();
  ASSERT_TRUE(parked);
  EXPECT_EQ(parked->body, R"({"taskToken":"t"})");
}

TEST_F(ServerTest, BodyOverLimitIs413) {
  const std::uint64_t before = count(413);
  auto c = client();
  auto r = c.post("/echo", std::string(kBodyLimit + 1, 'x'));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->body, R"({"message":"Request entity too large"})");
  EXPECT_TRUE(header_of(*r, "x-amzn-requestid").has_value());
  EXPECT_EQ(count(413), before + 1);

  // At the limit is fine (the client reconnects after the 413's Connection: close).
  r = c.post("/echo", std::string(kBodyLimit, 'y'));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body.size(), kBodyLimit);

  // Announced length alone is enough: answered before any body byte is sent, then closed.
  RawSocket s(server_->port());
  ASSERT_TRUE(s.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n"));
  const std::string response = s.read_response();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 413 ")) << response;
  EXPECT_NE(response.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(s.wait_for_eof());
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  RawSocket s(server_->port());
  std::string chunk(3000, 'z');
  ASSERT_TRUE(s.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "bb8\r\n" + chunk + "\r\nbb8\r\n" + chunk + "\r\n0\r\n\r\n"));
  EXPECT_TRUE(s.read_response().starts_with("HTTP/1.1 413 "));
  EXPECT_TRUE(s.wait_for_eof());
}

TEST_F(ServerTest, MalformedRequestIs400AndCloses) {
  const std::uint64_t before = count(400);
  for (const char* garbage : {"THIS IS NOT HTTP\r\n\r\n", "GET /x HTTP/1.1\r\nHost: t\r\nno colon here\r\n\r\n",
                              "GET /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n"}) {
    RawSocket s(server_->port());
    ASSERT_TRUE(s.send(garbage));
    const std::string response = s.read_response();
    EXPECT_TRUE(response.starts_with("HTTP/1.1 400 ")) << garbage << " -> " << response;
    EXPECT_NE(response.find(R"({"message":"Malformed HTTP request"})"), std::string::npos);
    EXPECT_TRUE(s.wait_for_eof());
  }
  EXPECT_EQ(count(400), before + 3);
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  RawSocket s(server_->port());
  ASSERT_TRUE(s.send(get_request("/batches", "X-Big: " + std::string(kHeaderLimit, 'h') + "\r\n")));
  EXPECT_TRUE(s.read_response().starts_with("HTTP/1.1 431 "));
  EXPECT_TRUE(s.wait_for_eof());
}

TEST_F(ServerTest, RequestIdHeaderIsPresentUniqueAndMatchesHandler) {
  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  auto c = client();
  std::set<std::string> ids;
  for (int i = 0; i < 10; ++i) {
    auto r = c.get(i % 2 ? "/id" : "/nowhere");
    ASSERT_TRUE(r);
    const auto id = header_of(*r, "x-amzn-requestid");
    ASSERT_TRUE(id.has_value());
    EXPECT_TRUE(std::regex_match(*id, uuid)) << *id;
    if (i % 2) {
      EXPECT_EQ(r->body, *id);
    }
    ids.insert(*id);
  }
  EXPECT_EQ(ids.size(), 10u);
  RawSocket s(server_->port());
  ASSERT_TRUE(s.send(get_request("/batches")));
  EXPECT_NE(s.read_response().find("\r\nx-amzn-RequestId: "), std::string::npos);
}

TEST_F(ServerTest, QueryAndPathAreDecoded) {
  auto c = client();
  auto r = c.get("/query?q=a%20b+c%26d&other=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "a b c&d|/query");
  r = c.get("/query");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "<none>|/query");
  r = c.get("/batches/a%2Fb%20c/log?from=%31");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "a/b c|1");
}

TEST_F(ServerTest, HeaderLookupIsCaseInsensitive) {
  auto c = client();
  auto r = c.get("/header", {{"X-CUSTOM-Header", "v1"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "v1|v1");
}

TEST_F(ServerTest, MetricsCountRequestsByStatus) {
  const std::uint64_t ok = count(200);
  const std::uint64_t missing = count(404);
  auto c = client();
  ASSERT_TRUE(c.get("/batches"));
  ASSERT_TRUE(c.get("/batches"));
  ASSERT_TRUE(c.get("/nope"));
  EXPECT_EQ(count(200), ok + 2);
  EXPECT_EQ(count(404), missing + 1);
  const std::string text = metrics_.render();
  EXPECT_NE(text.find("jobflow_http_requests_total{code=\"200\"}"), std::string::npos);
  EXPECT_NE(text.find("jobflow_http_request_duration_seconds_count"), std::string::npos);
}

TEST_F(ServerTest, HandlerThatThrowsGets500) {
  auto c = client();
  auto r = c.get("/throw");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(r->body, R"({"message":"Internal server error"})");
  r = c.get("/batches");  // the connection survives
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, DroppedReplyGets500) {
  auto c = client();
  auto r = c.get("/drop");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
}

TEST_F(ServerTest, SecondReplyIsIgnored) {
  auto c = client();
  auto r = c.get("/twice");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "first");
  r = c.get("/batches/9");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"id":"9"})");
}

TEST_F(ServerTest, FramingHeadersFromHandlerAreIgnored) {
  auto c = client();
  auto r = c.get("/custom-headers");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 202);
  EXPECT_EQ(r->body, "abc");
  EXPECT_EQ(header_of(*r, "x-extra"), "1");
  EXPECT_EQ(header_of(*r, "content-length"), "3");
  EXPECT_FALSE(header_of(*r, "connection").has_value());
}

TEST_F(ServerTest, HeadHasLengthButNoBody) {
  RawSocket s(server_->port());
  ASSERT_TRUE(s.send("HEAD /batches HTTP/1.1\r\nHost: t\r\n\r\n"));
  const std::string head = s.read_response(/*head_only=*/true);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
  EXPECT_NE(head.find("Content-Length: 14\r\n"), std::string::npos) << head;
  // Next response on the connection starts right after the head: no body bytes in between.
  ASSERT_TRUE(s.send(get_request("/batches/4")));
  const std::string next = s.read_response();
  EXPECT_TRUE(next.starts_with("HTTP/1.1 200 OK\r\n")) << next;
  EXPECT_TRUE(next.ends_with(R"({"id":"4"})"));

  auto c = client();
  auto r = c.request("HEAD", "/batches");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "");
  EXPECT_EQ(header_of(*r, "content-length"), "14");
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  RawSocket s(server_->port());
  ASSERT_TRUE(s.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  EXPECT_TRUE(s.read_response(/*head_only=*/true).starts_with("HTTP/1.1 100 Continue\r\n"));
  ASSERT_TRUE(s.send("hello"));
  const std::string response = s.read_response();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200 OK\r\n")) << response;
  EXPECT_TRUE(response.ends_with("hello"));
}

TEST_F(ServerTest, Http10WithoutKeepAliveIsClosed) {
  RawSocket s(server_->port());
  ASSERT_TRUE(s.send("GET /batches HTTP/1.0\r\n\r\n"));
  const std::string response = s.read_response();
  EXPECT_TRUE(response.starts_with("HTTP/1.0 200 OK\r\n")) << response;
  EXPECT_TRUE(s.wait_for_eof());
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  RawSocket s(server_->port());
  ASSERT_TRUE(s.send(get_request("/batches", "Connection: close\r\n")));
  EXPECT_NE(s.read_response().find("Connection: close\r\n"), std::string::npos);
  EXPECT_TRUE(s.wait_for_eof());
}

TEST_F(ServerTest, GracefulStopLetsInFlightRequestFinish) {
  // One request in flight, one idle keep-alive connection.
  auto in_flight = std::async(std::launch::async, [this] { return client().get("/park"); });
  auto reply = parked_.take();
  ASSERT_TRUE(reply.has_value());
  RawSocket idle(server_->port());
  ASSERT_TRUE(idle.send(get_request("/batches")));
  ASSERT_FALSE(idle.read_response().empty());

  auto stopping = std::async(std::launch::async, [this] { server_->stop(); });
  EXPECT_TRUE(idle.wait_for_eof());  // the idle connection is closed at once
  auto refused = client().get("/batches");
  EXPECT_FALSE(refused);  // no longer accepting
  EXPECT_EQ(stopping.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);

  (*reply)(Response::json(200, R"({"finished":true})"));
  const auto r = in_flight.get();
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"finished":true})");
  EXPECT_EQ(header_of(*r, "connection"), "close");
  stopping.get();
}

class ShortShutdownTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    options_.shutdown_timeout = std::chrono::milliseconds(100);
    ServerFixture::SetUp();
  }
};

TEST_F(ShortShutdownTest, StopClosesRequestsStillRunningAfterDeadline) {
  auto stuck = std::async(std::launch::async, [this] { return client().get("/park"); });
  auto reply = parked_.take();
  ASSERT_TRUE(reply.has_value());
  const auto t0 = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  EXPECT_FALSE(stuck.get());  // the connection was closed without an answer
  (*reply)(Response::json(200, "{}"));  // too late: dropped, harmlessly
}

TEST(ServerStartTest, FailsWhenPortIsTaken) {
  Router router;
  Metrics metrics;
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  Server first(router, metrics, options);
  ASSERT_TRUE(first.start());
  options.port = first.port();
  Server second(router, metrics, options);
  const Status st = second.start();
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find(std::to_string(first.port())), std::string::npos) << st.error().message;
  EXPECT_FALSE(first.start());  // twice
}

TEST(ServerStartTest, TooLargeCallbackShapesThe413) {
  Router router;
  Metrics metrics;
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.body_limit = 10;
  options.too_large = [](const Request& r) {
    Response out = Response::json(413, R"({"__type":"RequestEntityTooLargeException","target":")" +
                                           std::string(r.header("x-amz-target").value_or("")) + R"("})");
    out.content_type = "application/x-amz-json-1.0";
    return out;
  };
  Server server(router, metrics, options);
  ASSERT_TRUE(server.start());
  ClientOptions co;
  co.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  Client c(co);
  auto r = c.post("/", std::string(11, 'x'), {{"X-Amz-Target", "AWSStepFunctions.StartExecution"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->content_type, "application/x-amz-json-1.0");
  EXPECT_EQ(r->body, R"({"__type":"RequestEntityTooLargeException","target":"AWSStepFunctions.StartExecution"})");
}

TEST(ServerStartTest, StopWithoutStartAndTwiceIsHarmless) {
  Router router;
  Metrics metrics;
  ServerOptions options;
  options.port = 0;
  Server server(router, metrics, options);
  server.stop();
  ASSERT_TRUE(server.start());
  server.stop();
  server.stop();
}

}  // namespace
}  // namespace jobflow::http
