#include "frontend/integrations/http_task_client.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <spdlog/spdlog.h>

#include "frontend/integrations/http_task_call.h"

namespace jobflow::frontend {

struct HttpTaskClient::Io {
  boost::asio::ssl::context tls{boost::asio::ssl::context::tls_client};
  boost::asio::io_context context;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{context.get_executor()};
};

HttpTaskClient::HttpTaskClient(HttpHostAllowList allow, HttpTaskClientOptions options)
    : allow_(std::move(allow)), options_(options), io_(std::make_unique<Io>()) {
  // The system's CA store (OpenSSL's default paths) and peer verification: https endpoints must
  // present a certificate a browser would accept for their name.
  boost::system::error_code ec;
  io_->tls.set_default_verify_paths(ec);
  if (ec) spdlog::warn("event=sfn_http_ca_paths_unavailable error=\"{}\"", ec.message());
  io_->tls.set_verify_mode(boost::asio::ssl::verify_peer);
  thread_ = std::thread([this] { io_->context.run(); });
}

HttpTaskClient::~HttpTaskClient() { stop(); }

std::uint64_t HttpTaskClient::send(HttpTaskRequest request, std::string state_name, Done done) {
  std::uint64_t id;
  std::shared_ptr<HttpTaskCall> call;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    if (stopped_) return id;  // shutting down: the answer would have nowhere to go
    // The answer is delivered only while the call is still registered: cancel() and stop()
    // unregister it first, so their late answers are dropped here.
    auto deliver = [this, id, done = std::move(done)](asl::Outcome<HttpTaskResponse> outcome) {
      {
        std::lock_guard lock(mutex_);
        if (calls_.erase(id) == 0) return;
      }
      done(std::move(outcome));
    };
    call = std::make_shared<HttpTaskCall>(io_->context, io_->tls, allow_, options_, std::move(request),
                                          std::move(state_name), std::move(deliver));
    calls_[id] = call;
  }
  boost::asio::post(io_->context, [call] { call->start(); });
  return id;
}

void HttpTaskClient::cancel(std::uint64_t id) {
  std::shared_ptr<HttpTaskCall> call;
  {
    std::lock_guard lock(mutex_);
    auto it = calls_.find(id);
    if (it == calls_.end()) return;
    call = std::move(it->second);
    calls_.erase(it);
  }
  boost::asio::post(io_->context, [call] { call->abort(); });
}

void HttpTaskClient::stop() {
  std::unordered_map<std::uint64_t, std::shared_ptr<HttpTaskCall>> abandoned;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    abandoned.swap(calls_);  // unregistered: nothing is delivered any more
  }
  io_->work.reset();
  io_->context.stop();
  if (thread_.joinable()) thread_.join();
  abandoned.clear();  // after the join: no handler of theirs runs any more
  // Destroying the io_context destroys the handlers still queued, and with them the calls and
  // their sockets; this happens before the rest of the client goes away.
  io_.reset();
}

}  // namespace jobflow::frontend
