#pragma once

#include <cstdint>
#include <memory>

#include "base/error.h"
#include "base/metrics.h"
#include "http/handler.h"
#include "http/server_options.h"

namespace jobflow::http {

// Asynchronous HTTP/1.1 server (Boost.Beast): one io_context run by `threads` threads, a strand
// per connection, keep-alive, TCP_NODELAY. Every request gets a request_id, sent back as
// x-amzn-RequestId, and is counted in `jobflow_http_requests_total{code="..."}` and
// `jobflow_http_request_duration_seconds`.
//
// Lifecycle: construct → [bind()] → start() (binds if not yet bound, listens and returns; requests
// are served on the server's own threads) → stop() (or the destructor). bind() takes the port
// early (port() then tells the chosen one when options.port was 0) while connections wait in the
// backlog until start(): the application builds its services with the real port in between. The
// handler and the metrics must outlive the server. stop() must not be called from a handler (it
// joins the threads handlers run on).
class Server {
 public:
  Server(Handler& handler, Metrics& metrics, ServerOptions options = {});
  ~Server();

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Both fail when the address cannot be bound (in use, bad host) or when called twice.
  Status bind();
  Status start();
  // Stops accepting, closes idle keep-alive connections, lets requests in flight finish for up
  // to options.shutdown_timeout (then closes them), and joins the threads. Idempotent.
  void stop();

  // The bound port (the chosen one when options.port was 0); 0 before bind() or start().
  std::uint16_t port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks the calling thread until the process receives SIGINT or SIGTERM; returns the signal.
int wait_for_shutdown_signal();

}  // namespace jobflow::http
