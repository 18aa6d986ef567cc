#include "http/server.h"

#include <csignal>
#include <exception>
#include <future>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <spdlog/spdlog.h>

#include "http/connection.h"
#include "http/server_context.h"

namespace jobflow::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Accept failures (EMFILE, ENOBUFS) persist for a while; retrying at once would spin.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(50);
// After the shutdown deadline, how long to wait for the forced closes to run.
constexpr auto kForceCloseWait = std::chrono::seconds(1);

}  // namespace

class Server::Impl {
 public:
  Impl(Handler& handler, Metrics& metrics, ServerOptions options)
      : context_(std::make_shared<ServerContext>(handler, metrics, std::move(options))),
        strand_(net::make_strand(context_->io())),
        acceptor_(strand_),
        retry_timer_(strand_) {}

  Status bind() {
    if (bound_) return fail(Error::invalid_state("server", "server already bound"));
    const ServerOptions& options = context_->options();
    const std::string where = options.host + ":" + std::to_string(options.port);

    boost::system::error_code ec;
    tcp::resolver resolver(context_->io());
    const auto results = resolver.resolve(options.host, std::to_string(options.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
      return fail(Error::invalid_input("server", "cannot resolve listen address " + where + ": " + ec.message()));
    }
    const tcp::endpoint endpoint = results.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      return fail(Error::internal("cannot listen on " + where + ": " + ec.message()));
    }
    port_ = acceptor_.local_endpoint(ec).port();
    bound_ = true;
    return {};
  }

  Status start() {
    if (started_) return fail(Error::invalid_state("server", "server already started"));
    if (!bound_) {
      if (auto ok = bind(); !ok) return ok;
    }
    const ServerOptions& options = context_->options();
    started_ = true;
    work_.emplace(context_->io().get_executor());
    accept();
    unsigned n = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    if (n == 0) n = 1;
    threads_.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
      threads_.emplace_back([this] { run_io(); });
    }
    spdlog::info("msg=\"http server listening\" address={}:{} threads={}", options.host, port_, n);
    return {};
  }

  void stop() {
    if (!started_ || stopped_) return;
    stopped_ = true;
    const auto open = context_->begin_stop();
    // The acceptor belongs to its strand; close it there and wait, so that no accept completes
    // after this point.
    std::promise<void> acceptor_closed;
    net::post(strand_, [this, &acceptor_closed] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      retry_timer_.cancel();
      acceptor_closed.set_value();
    });
    acceptor_closed.get_future().wait();
    for (const auto& connection : open) connection->shutdown();

    const auto deadline = std::chrono::steady_clock::now() + context_->options().shutdown_timeout;
    if (!context_->wait_until_closed(deadline)) {
      const auto left = context_->live();
      spdlog::warn("msg=\"http shutdown deadline passed; closing connections\" open={}", left.size());
      for (const auto& connection : left) connection->force_close();
      context_->wait_until_closed(std::chrono::steady_clock::now() + kForceCloseWait);
    }

    work_.reset();
    context_->io().stop();
    context_->set_halted();
    for (auto& t : threads_) t.join();
    threads_.clear();
    // Run what is still queued (completions of the closes) so that connections are released now.
    context_->io().restart();
    context_->io().poll();
    spdlog::info("msg=\"http server stopped\" port={}", port_);
  }

  std::uint16_t port() const { return port_; }

 private:
  void accept() {
    acceptor_.async_accept(net::make_strand(context_->io()), [this](boost::system::error_code ec, tcp::socket socket) {
      if (!acceptor_.is_open() || ec == net::error::operation_aborted) return;
      if (ec) {
        spdlog::warn("msg=\"accept failed\" error=\"{}\"", ec.message());
        retry_timer_.expires_after(kAcceptRetryDelay);
        retry_timer_.async_wait([this](boost::system::error_code wait_ec) {
          if (!wait_ec && acceptor_.is_open()) accept();
        });
        return;
      }
      std::make_shared<Connection>(context_, std::move(socket))->start();
      accept();
    });
  }

  void run_io() {
    // Handlers catch their own exceptions; this only keeps a stray one from ending the thread
    // (and with it, std::terminate on join).
    while (true) {
      try {
        context_->io().run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("msg=\"exception escaped an io handler\" error=\"{}\"", e.what());
      } catch (...) {
        spdlog::error("msg=\"non-exception escaped an io handler\"");
      }
    }
  }

  std::shared_ptr<ServerContext> context_;
  net::strand<net::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
  std::uint16_t port_ = 0;
  bool bound_ = false;
  bool started_ = false;
  bool stopped_ = false;
};

Server::Server(Handler& handler, Metrics& metrics, ServerOptions options)
    : impl_(std::make_unique<Impl>(handler, metrics, std::move(options))) {}

Server::~Server() { stop(); }

Status Server::bind() {
  try {
    return impl_->bind();
  } catch (const std::exception& e) {
    return fail(Error::internal(std::string("cannot bind http server: ") + e.what()));
  }
}

Status Server::start() {
  try {
    return impl_->start();
  } catch (const std::exception& e) {
    return fail(Error::internal(std::string("cannot start http server: ") + e.what()));
  }
}

void Server::stop() { impl_->stop(); }

std::uint16_t Server::port() const { return impl_->port(); }

int wait_for_shutdown_signal() {
  net::io_context io;
  net::signal_set signals(io, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&received](boost::system::error_code ec, int signal) {
    if (!ec) received = signal;
  });
  io.run();
  return received;
}

}  // namespace jobflow::http
