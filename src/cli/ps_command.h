#pragma once

#include <CLI/CLI.hpp>

#include "cli/client_flags.h"

namespace jobflow::cli {

// `jobflow ps [--all]`: one table of what runs on the server — EMR clusters that are not
// terminated and their pending/running steps, Livy batches and sessions that are not final, Step
// Functions executions RUNNING — or, with --all, everything the APIs list. The ID column holds
// the form `wait` and `logs` accept.
class PsCommand {
 public:
  explicit PsCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  CLI::App* command_;
  ClientFlags flags_;
  bool all_ = false;
};

}  // namespace jobflow::cli
