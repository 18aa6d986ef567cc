#pragma once

#include <CLI/CLI.hpp>

#include "app/server_config.h"

namespace jobflow::cli {

// `jobflow server [--host H] [--port P] [--data-dir DIR] ...`: runs the server until SIGTERM/SIGINT.
class ServerCommand {
 public:
  explicit ServerCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  CLI::App* command_;
  app::ServerConfig config_;
};

}  // namespace jobflow::cli
