#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/client_flags.h"

namespace jobflow::cli {

// `jobflow run FILE.asl.json [--input JSON]` (also as `jobflow sfn run`): runs a state machine
// definition and shows its progress event by event.
//   on the server (default): a state machine named after the file is created for the run (and
//     deleted after it; the execution stays readable), an execution started and its history
//     followed, with a live line (running states, elapsed time) on a terminal. Ctrl-C stops the
//     execution (ABORTED) and still cleans up; a second Ctrl-C leaves at once.
//   --local: the definition runs in this process, without integrations (a Task fails, saying so);
//     Wait states take real time unless --virtual-time.
// Exit: 0 SUCCEEDED; 1 FAILED, TIMED_OUT, ABORTED, or a request the server refused; 2 bad usage,
// an unreadable file or an invalid definition; 3 still RUNNING (--local --stop-after); 5 server
// unreachable.
class RunCommand {
 public:
  RunCommand(CLI::App& parent, const std::string& name);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  struct RunFiles {
    std::string definition;
    std::string input;
  };
  std::optional<RunFiles> read_run_files() const;  // prints why when it cannot
  bool json() const { return json_ || flags_.json(); }
  int run_local();
  int run_on_server();

  CLI::App* command_;
  ClientFlags flags_;
  std::string file_;
  std::string type_ = "STANDARD";
  std::string input_ = "{}";
  std::string input_file_;
  std::string name_;
  bool local_ = false;
  bool virtual_time_ = false;
  bool json_ = false;
  bool quiet_ = false;
  double stop_after_ = -1;
};

}  // namespace jobflow::cli
