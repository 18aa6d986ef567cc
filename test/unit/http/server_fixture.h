#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "base/metrics.h"
#include "http/client.h"
#include "http/router.h"
#include "http/server.h"

namespace jobflow::http::testing {

// Holds replies of parked requests until the test answers them, from the test's own thread.
class ReplyParking {
 public:
  void park(Reply reply) {
    std::lock_guard lock(mu_);
    replies_.push_back(std::move(reply));
    cv_.notify_all();
  }
  // Waits (bounded) for the next parked request.
  std::optional<Reply> take() {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::seconds(5), [this] { return !replies_.empty(); })) return std::nullopt;
    Reply r = std::move(replies_.front());
    replies_.pop_front();
    return r;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Reply> replies_;
};

// A real Server on 127.0.0.1 with a free port, serving a router with one route per behaviour
// under test.
class ServerFixture : public ::testing::Test {
 protected:
  static constexpr std::size_t kBodyLimit = 4096;
  static constexpr std::size_t kHeaderLimit = 8192;

  static ServerOptions test_options() {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.body_limit = kBodyLimit;
    o.header_limit = kHeaderLimit;
    o.shutdown_timeout = std::chrono::seconds(5);
    return o;
  }

  void SetUp() override {
    add_routes();
    server_ = std::make_unique<Server>(router_, metrics_, options_);
    const Status started = server_->start();
    ASSERT_TRUE(started) << started.error().message;
    ASSERT_NE(server_->port(), 0);
  }

  void TearDown() override {
    server_->stop();
    std::lock_guard lock(helpers_mu_);
    for (auto& t : helpers_) t.join();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  Client client(std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    ClientOptions o;
    o.base_url = base_url();
    o.timeout = timeout;
    return Client(o);
  }

  std::uint64_t count(int status) {
    return metrics_.counter("jobflow_http_requests_total", "code=\"" + std::to_string(status) + "\"").value();
  }

  void route(std::string_view method, std::string_view pattern, Router::RouteFn fn) {
    const Status added = router_.add(method, pattern, std::move(fn));
    ASSERT_TRUE(added) << added.error().message;
  }

  void add_routes() {
    route("POST", "/echo", [](Request r, Reply reply) {
      Response out = Response::json(200, std::move(r.body));
      out.content_type = std::string(r.header("content-type").value_or("application/json"));
      reply(std::move(out));
    });
    route("GET", "/batches", [](Request, Reply reply) { reply(Response::json(200, R"({"batches":[]})")); });
    route("GET", "/batches/{id}", [](Request r, Reply reply) {
      reply(Response::json(200, R"({"id":")" + std::string(*r.path_param("id")) + R"("})"));
    });
    route("DELETE", "/batches/{id}", [](Request r, Reply reply) {
      reply(Response::json(200, R"({"deleted":")" + std::string(*r.path_param("id")) + R"("})"));
    });
    route("GET", "/batches/{id}/log", [](Request r, Reply reply) {
      reply(Response::text(200, std::string(*r.path_param("id")) + "|" + r.query_param("from").value_or("-")));
    });
    route("GET", "/query", [](Request r, Reply reply) {
      reply(Response::text(200, r.query_param("q").value_or("<none>") + "|" + r.path));
    });
    route("GET", "/header", [](Request r, Reply reply) {
      reply(Response::text(200, std::string(r.header("X-Custom-Header").value_or("-")) + "|" +
                                     std::string(r.header("x-custom-header").value_or("-"))));
    });
    route("GET", "/id", [](Request r, Reply reply) { reply(Response::text(200, r.request_id)); });
    route("GET", "/remote", [](Request r, Reply reply) { reply(Response::text(200, r.remote)); });
    route("GET", "/later", [this](Request, Reply reply) {
      // Answered from a thread of ours after the handler has returned.
      auto returned = std::make_shared<std::promise<void>>();
      std::lock_guard lock(helpers_mu_);
      helpers_.emplace_back([reply, done = returned->get_future()]() mutable {
        done.wait();
        reply(Response::json(200, R"({"later":true})"));
      });
      returned->set_value();
    });
    route("GET", "/park", [this](Request, Reply reply) { parked_.park(std::move(reply)); });
    route("GET", "/throw", [](Request, Reply) -> void { throw std::runtime_error("boom"); });
    route("GET", "/drop", [](Request, Reply) {});
    route("GET", "/twice", [](Request, Reply reply) {
      reply(Response::text(200, "first"));
      reply(Response::text(200, "second"));
    });
    route("GET", "/custom-headers", [](Request, Reply reply) {
      Response out = Response::text(202, "abc");
      out.headers = {{"X-Extra", "1"}, {"Content-Length", "999"}, {"Connection", "close"}};
      reply(std::move(out));
    });
    router_.add_amz_target("ElasticMapReduce.", [](Request, Reply reply) { reply(Response::json(200, R"({"svc":"emr"})")); });
    router_.add_amz_target("AWSStepFunctions.", [](Request, Reply reply) { reply(Response::json(200, R"({"svc":"sfn"})")); });
  }

  ServerOptions options_ = test_options();
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  ReplyParking parked_;
  std::mutex helpers_mu_;
  std::vector<std::thread> helpers_;
};

inline std::optional<std::string> header_of(const Response& r, std::string_view lower_name) {
  for (const auto& [k, v] : r.headers) {
    if (k == lower_name) return v;
  }
  return std::nullopt;
}

}  // namespace jobflow::http::testing
