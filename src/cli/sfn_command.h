#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace jobflow::cli {

// `jobflow sfn validate FILE` and `jobflow sfn run FILE [--input JSON] [--local]`.
// `run` creates a state machine on the server (--url), starts an execution, follows its history
// event by event and removes the machine again; `run --local` executes the definition in this
// process instead: Wait states really wait unless `--virtual-time` is given, and Task states have
// no integrations there (they fail, saying so).
class SfnCommand {
 public:
  explicit SfnCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  struct RunFiles {
    std::string definition;
    std::string input;
  };
  std::optional<RunFiles> read_run_files() const;  // prints why when it cannot
  int validate();
  int run_local();
  int run_on_server();

  CLI::App* command_;
  CLI::App* validate_;
  CLI::App* run_;
  std::string file_;
  std::string type_ = "STANDARD";
  std::string input_ = "{}";
  std::string input_file_;
  std::string name_;
  std::string url_ = "http://127.0.0.1:8998";
  bool local_ = false;
  bool virtual_time_ = false;
  bool json_ = false;
  bool quiet_ = false;
  double stop_after_ = -1;
};

}  // namespace jobflow::cli
