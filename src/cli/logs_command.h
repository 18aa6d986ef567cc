#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/client_flags.h"
#include "cli/server_api.h"

namespace jobflow::cli {

// `jobflow logs [-f] ID` prints what a thing wrote or did, and with --follow keeps printing until
// it ends:
// - an EMR step (`s-…`, `j-…/s-…`, or the older two-argument form `CLUSTER_ID STEP_ID`): its
//   controller, stdout and stderr logs from jobflow's step-log route (`--file` picks one);
// - a Livy batch or session (`batch/N`, `session/N`): its log, paged with from/size;
// - a Step Functions execution (ARN or unique name): its history events, one line each.
// `--output json` prints one JSON object per line.
class LogsCommand {
 public:
  explicit LogsCommand(CLI::App& app);
  bool selected() const { return command_->parsed(); }
  int run();

 private:
  int step_logs(ServerApi& api, const std::string& cluster, const std::string& step);
  int livy_logs(ServerApi& api, const std::string& collection, const std::string& id);
  int execution_logs(ServerApi& api, const std::string& arn);

  CLI::App* command_;
  ClientFlags flags_;
  std::vector<std::string> ids_;
  std::string file_;
  bool follow_ = false;
};

}  // namespace jobflow::cli
