#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace jobflow::cli {

// `jobflow sfn validate FILE` and `jobflow sfn run FILE [--input JSON] [--local]`.
// `run --local` executes the definition in this process (no server): Wait states really wait
// unless `--virtual-time` is given; Task states have no integrations here and fail, saying so.
class SfnCommand {
 public:
  explicit SfnCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  int validate();
  int run_local();

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
