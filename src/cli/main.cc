// jobflow: one binary — the server, and the client commands that talk to it.
#include <CLI/CLI.hpp>

#include "cli/logs_command.h"
#include "cli/server_command.h"
#include "cli/sfn_command.h"
#include "executor/local/spawner.h"

int main(int argc, char** argv) {
  // The local executor re-executes this binary as its job spawner; that must come first.
  if (jobflow::executor::run_spawner_if_requested(argc, argv)) return 0;

  CLI::App app{"jobflow: EMR, Livy and Step Functions compatible job platform"};
  app.require_subcommand(1);
  jobflow::cli::ServerCommand server(app);
  jobflow::cli::LogsCommand logs(app);
  jobflow::cli::SfnCommand sfn(app);
  CLI11_PARSE(app, argc, argv);
  if (server.selected()) return server.run();
  if (logs.selected()) return logs.run();
  if (sfn.selected()) return sfn.run();
  return 2;
}
