#include "cli/server_command.h"

#include "app/application.h"
#include "base/logging.h"

namespace jobflow::cli {

ServerCommand::ServerCommand(CLI::App& app) {
  command_ = app.add_subcommand("server", "Run the jobflow server (EMR, Livy and Step Functions APIs on one port)");
  command_->add_option("--host", config_.host, "Address to listen on")->capture_default_str();
  command_->add_option("--port", config_.port, "Port to listen on (0: any free port)")->capture_default_str();
  command_->add_option("--data-dir", config_.data_dir, "Where state, logs and the local S3 root live")->capture_default_str();
  command_->add_option("--threads", config_.threads, "HTTP threads (0: one per core)")->capture_default_str();
  command_->add_option("--log-level", config_.log_level, "trace, debug, info, warn, error")->capture_default_str();
  command_->add_option("--spark-master", config_.spark_master,
                       "Spark master for spark-submit steps unless a cluster's spark-defaults names one")
      ->capture_default_str();
  command_->add_option("--sfn-activity-poll-seconds", config_.sfn_activity_poll_seconds,
                       "How long GetActivityTask waits for a task (AWS: 60; shorter for tests)")
      ->capture_default_str()
      ->check(CLI::Range(1, 60));
  command_->add_option("--http-task-allow", config_.http_task_allow,
                       "Step Functions HTTP tasks: hosts they may call besides loopback (example.com, *.example.com, "
                       "10.0.0.5, 10.0.0.0/8 or *); repeatable or comma-separated");
  command_->add_flag("--livy-csrf", config_.livy_csrf_protection,
                     "Livy: refuse POST/DELETE without an X-Requested-By header (livy.server.csrf-protection.enabled)");
  command_->add_option("--livy-max-creation", config_.livy_max_creation,
                       "Livy: batches and sessions starting at once (livy.server.session.max-creation; 0: no cap)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command_->add_option("--livy-local-dir", config_.livy_local_dirs,
                       "Livy: local directories files may come from (livy.file.local-dir-whitelist); repeatable; "
                       "none given: any absolute path");
  command_->add_option("--livy-retain-seconds", config_.livy_retain_seconds,
                       "Livy: how long finished batches and sessions stay visible (Livy: 600; 0: forever)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command_->add_option("--livy-session-timeout-seconds", config_.livy_session_timeout_seconds,
                       "Livy: idle sessions are deleted after this long (livy.server.session.timeout; 0: never)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command_->add_flag("--livy-impersonation", config_.livy_impersonation,
                     "Livy: pass proxyUser to spark-submit as --proxy-user (livy.impersonation.enabled)");
  command_->add_option("--livy-deploy-mode", config_.livy_spark_deploy_mode,
                       "Livy: spark.submit.deployMode for batches (client or cluster; empty: spark-submit's default)");
  command_->add_option("--livy-kill-grace-ms", config_.livy_kill_grace_ms,
                       "Livy: DELETE sends SIGTERM, then SIGKILL to the whole process tree after this long")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command_->add_flag("--sqlite-sync-full", config_.sqlite_synchronous_full,
                     "fsync every commit (survive power loss, not only a process crash)");
}

int ServerCommand::run() {
  init_logging(config_.log_level);
  app::Application application(config_);
  return application.run_until_signal();
}

}  // namespace jobflow::cli
