#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jobflow::engine::livy {

// Settings of the Livy front door, with Livy's configuration key where there is one.
struct LivyConfig {
  std::string data_dir;  // batches and sessions live under <data_dir>/livy

  // Spark. spark_submit is the resolved spark-submit program (from SPARK_HOME, else PATH); empty
  // when Spark is not installed, and then batches run their file directly (see README).
  std::string spark_home;            // SPARK_HOME, if set
  std::string spark_submit;          // absolute path, or empty
  std::string spark_master = "local[*]";        // livy.spark.master
  std::string spark_deploy_mode;                 // livy.spark.deploy-mode; empty: spark-submit's default
  bool impersonation = false;                    // livy.impersonation.enabled: pass --proxy-user

  // Programs used without Spark (and for the interpreter of interactive sessions).
  std::string python = "python3";    // PYSPARK_PYTHON if set
  std::string java = "java";

  // livy.file.local-dir-whitelist. Empty: any absolute local path is accepted (jobflow's default;
  // Livy rejects every local path by default). Otherwise local paths must lie under one of these.
  std::vector<std::string> local_dir_allowlist;

  bool csrf_protection = false;        // livy.server.csrf-protection.enabled
  std::int64_t max_creation = 100;     // livy.server.session.max-creation
  // livy.server.session.state-retain.sec: how long finished batches and sessions stay visible.
  // 0 keeps them forever (jobflow's default; Livy forgets them after 600 s).
  std::int64_t retain_finished_ms = 0;
  // livy.server.session.timeout: idle interactive sessions are deleted after this long (Livy: 1 h).
  // 0: never.
  std::int64_t session_idle_timeout_ms = 3'600'000;
  // livy.rsc.server.idle-timeout: an interpreter exits after this long without a server.
  std::int64_t repl_orphan_timeout_ms = 600'000;
  // livy.rsc.server.connect.timeout: a session's interpreter must answer within this long after
  // it was started (or after the server restarted), else the session ends in `error`.
  std::int64_t repl_connect_timeout_ms = 90'000;
  // livy.server.session.timeout-check.skip-busy: a session running a statement is not idle.
  bool idle_timeout_skips_busy = false;
  // DELETE: SIGTERM to the job's process group, then SIGKILL to the whole tree after this long.
  std::int64_t kill_grace_ms = 5'000;

  std::string endpoint_url;  // how jobs reach this server (AWS_ENDPOINT_URL, LIVY_URL)
  // Part of every Livy job id (livy-batch-<id>-<tag>), random per data dir (kept in the store):
  // job ids name run dirs and cgroup leaves, which other servers on the machine share.
  std::string instance_tag;

  std::string root() const { return data_dir + "/livy"; }
  std::string batch_dir(std::int64_t id) const { return root() + "/batches/" + std::to_string(id); }
  std::string session_dir(std::int64_t id) const { return root() + "/sessions/" + std::to_string(id); }
  std::string run_root() const { return data_dir + "/run"; }
  std::string s3_root() const { return data_dir + "/s3"; }
};

}  // namespace jobflow::engine::livy
