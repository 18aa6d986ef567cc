#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli/client_flags.h"
#include "cli/run_command.h"

namespace jobflow::cli {

// `jobflow sfn validate FILE`, and `jobflow sfn run`, the same command as `jobflow run`.
class SfnCommand {
 public:
  explicit SfnCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  int validate();

  CLI::App* command_;
  CLI::App* validate_;
  std::unique_ptr<RunCommand> run_;
  std::string file_;
  std::string type_ = "STANDARD";
  std::string output_ = "text";
};

}  // namespace jobflow::cli
