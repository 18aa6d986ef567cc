// jobflow: one binary — the server, and the client commands that talk to it.
#include <CLI/CLI.hpp>

#include "cli/client_flags.h"
#include "cli/logs_command.h"
#include "cli/ps_command.h"
#include "cli/run_command.h"
#include "cli/server_command.h"
#include "cli/sfn_command.h"
#include "cli/track/outcome.h"
#include "cli/wait_command.h"
#include "executor/local/spawner.h"

int main(int argc, char** argv) {
  // The local executor re-executes this binary as its job spawner; that must come first.
  if (jobflow::executor::run_spawner_if_requested(argc, argv)) return 0;

  CLI::App app{"jobflow: EMR, Livy and Step Functions compatible job platform"};
  app.require_subcommand(1);
  jobflow::cli::add_global_client_flags(app);
  jobflow::cli::ServerCommand server(app);
  jobflow::cli::PsCommand ps(app);
  jobflow::cli::WaitCommand wait(app);
  jobflow::cli::LogsCommand logs(app);
  jobflow::cli::RunCommand run(app, "run");
  jobflow::cli::SfnCommand sfn(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every usage error exits 2, whatever CLI11's own code.
    const int code = app.exit(e);
    return code == 0 ? 0 : jobflow::cli::exit_code::kUsage;
  }
  if (server.selected()) return server.run();
  if (ps.selected()) return ps.run();
  if (wait.selected()) return wait.run();
  if (logs.selected()) return logs.run();
  if (run.selected()) return run.run();
  if (sfn.selected()) return sfn.run();
  return jobflow::cli::exit_code::kUsage;
}
