#pragma once

#include <memory>
#include <string>

#include "app/server_config.h"
#include "base/error.h"

namespace jobflow::app {

// The composition root: the only place that names concrete backends. Builds the services in
// dependency order (metrics, store, executor, task queue, engine services, front ends, HTTP
// server) and stops them in reverse. Jobs keep running when it stops.
class Application {
 public:
  explicit Application(ServerConfig config);
  ~Application();

  Status start();        // everything up and serving
  std::uint16_t port() const;
  void stop();           // graceful: stop serving, stop background work, leave jobs running
  int run_until_signal();  // start, wait for SIGTERM/SIGINT, stop

 private:
  struct Parts;
  Status start_livy(Parts& parts, const std::string& data_dir, const std::string& endpoint_url);
  ServerConfig config_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace jobflow::app
