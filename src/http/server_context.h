#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "base/metrics.h"
#include "http/handler.h"
#include "http/server_options.h"

namespace jobflow::http {

class Connection;

// What a Server shares with its connections. Connections hold it by shared_ptr, so the
// io_context outlives every connection, even one kept alive by a Reply held past stop().
class ServerContext {
 public:
  ServerContext(Handler& handler, Metrics& metrics, ServerOptions options);
  ~ServerContext();

  boost::asio::io_context& io() { return io_; }
  Handler& handler() { return handler_; }
  const ServerOptions& options() const { return options_; }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  // Set once the io threads are gone: replies arriving later are dropped instead of queued on
  // an io_context nobody runs.
  bool halted() const { return halted_.load(std::memory_order_acquire); }
  void set_halted() { halted_.store(true, std::memory_order_release); }

  // Registers a new connection; false once stop has begun (the connection then closes at once).
  bool attach(const std::shared_ptr<Connection>& connection);
  void detach(const Connection* connection);
  // Marks the server as stopping and returns the connections open at that moment.
  std::vector<std::shared_ptr<Connection>> begin_stop();
  std::vector<std::shared_ptr<Connection>> live() const;
  // True when every connection has closed before `deadline`.
  bool wait_until_closed(std::chrono::steady_clock::time_point deadline);

  void record(int status, double seconds);

 private:
  static constexpr int kMaxStatus = 1000;

  boost::asio::io_context io_;
  Handler& handler_;
  Metrics& metrics_;
  const ServerOptions options_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> halted_{false};

  mutable std::mutex mu_;
  std::condition_variable closed_cv_;
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections_;

  // Metrics::counter() takes a lock; the counter for each status is looked up once.
  std::array<std::atomic<Metrics::Counter*>, kMaxStatus> by_status_{};
  Metrics::Histogram& duration_;
};

}  // namespace jobflow::http
