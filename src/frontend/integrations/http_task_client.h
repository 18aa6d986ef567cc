#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "asl/value/failure.h"
#include "frontend/integrations/http_host_allow_list.h"
#include "frontend/integrations/http_task_request.h"
#include "frontend/integrations/http_task_response.h"

namespace jobflow::frontend {

struct HttpTaskClientOptions {
  // AWS: "HTTP task requests will timeout after 60 seconds" (resolve, connect, TLS, write and
  // read together). Shorter only in tests.
  std::chrono::milliseconds timeout = std::chrono::seconds(60);
  // A response body past 256 KiB could not be a task result (States.DataLimitExceeded).
  std::size_t body_limit = 256 * 1024;
};

class HttpTaskCall;

// Sends HTTP tasks' requests without blocking anyone: Beast's async client on an io_context and
// one thread owned here. One thread is enough because nothing on it waits: resolving, connecting,
// TLS and reading are all asynchronous (any number of requests overlap), and completion only
// hands the answer to the engine's queue. A worker pool around the synchronous http::Client
// would instead hold a thread per request for up to 60 s, cap concurrency at the pool size, and
// could not be interrupted by cancel() or shutdown.
//
// Every request is checked against the allow list after resolution and before connecting (see
// HttpHostAllowList); https verifies the server's certificate against the system's CA store and
// its host name (SNI set). Redirects are not followed: a 3xx is the task's answer.
class HttpTaskClient {
 public:
  using Done = std::function<void(asl::Outcome<HttpTaskResponse>)>;

  HttpTaskClient(HttpHostAllowList allow, HttpTaskClientOptions options = {});
  ~HttpTaskClient();
  HttpTaskClient(const HttpTaskClient&) = delete;
  HttpTaskClient& operator=(const HttpTaskClient&) = delete;

  // Starts a request; `done` is called once, on the client's thread, with the response or the
  // failure (States.Http.Socket for a refused host, a connection error or the timeout;
  // States.DataLimitExceeded for a body past the limit, naming `state_name`). Returns an id
  // for cancel().
  std::uint64_t send(HttpTaskRequest request, std::string state_name, Done done);
  // Abandons a request: its connection is closed and `done` is not called unless it was
  // already running. Unknown or finished ids are ignored.
  void cancel(std::uint64_t id);
  // Closes every connection and joins the thread; no `done` is called afterwards. Idempotent;
  // also run by the destructor.
  void stop();

 private:
  struct Io;  // Asio and OpenSSL state, kept out of this header

  HttpHostAllowList allow_;
  HttpTaskClientOptions options_;
  std::unique_ptr<Io> io_;
  std::thread thread_;
  std::mutex mutex_;
  std::uint64_t next_id_ = 1;
  bool stopped_ = false;
  std::unordered_map<std::uint64_t, std::shared_ptr<HttpTaskCall>> calls_;
};

}  // namespace jobflow::frontend
