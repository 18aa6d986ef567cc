#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/client_flags.h"

namespace jobflow::cli {

// `jobflow wait ID [--timeout S] [-q]`: polls a cluster, step, Livy batch or session, or Step
// Functions execution until it ends, showing its progress on stderr (a live line on a terminal,
// one plain line per change otherwise), then prints its final state on stdout. Exit codes:
// see exit_code in cli/track/outcome.h.
class WaitCommand {
 public:
  explicit WaitCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  CLI::App* command_;
  ClientFlags flags_;
  std::string id_;
  double timeout_ = -1;
  bool quiet_ = false;
};

}  // namespace jobflow::cli
