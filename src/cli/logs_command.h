#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace jobflow::cli {

// `jobflow logs CLUSTER_ID STEP_ID [--follow] [--file F] [--url URL]`: prints a step's logs
// (controller, stdout, stderr) from the server; --follow streams them until the step ends.
class LogsCommand {
 public:
  explicit LogsCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  CLI::App* command_;
  std::string url_ = "http://127.0.0.1:8998";
  std::string cluster_id_;
  std::string step_id_;
  std::string file_;
  bool follow_ = false;
};

}  // namespace jobflow::cli
