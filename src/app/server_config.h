#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jobflow::app {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8998;  // Livy's default; every protocol shares it
  std::string data_dir = "./jobflow-data";
  unsigned threads = 0;       // 0: one per core
  std::string log_level = "info";
  std::string spark_master = "local[*]";
  bool sqlite_synchronous_full = false;
  std::string account = "123456789012";
  std::string default_region = "us-east-1";
  // GetActivityTask's long poll. AWS: 60 s; shorter only for tests.
  std::int64_t sfn_activity_poll_seconds = 60;
  // Hosts HTTP tasks (arn:aws:states:::http:invoke) may call besides loopback: names,
  // *.suffix patterns, addresses, CIDR networks or "*" (src/frontend/integrations/README.md).
  std::vector<std::string> http_task_allow;

  // Livy (see src/engine/livy/livy_config.h for what each means).
  bool livy_csrf_protection = false;
  std::int64_t livy_max_creation = 100;
  std::vector<std::string> livy_local_dirs;        // empty: any absolute local path
  std::int64_t livy_retain_seconds = 0;            // 0: keep finished batches and sessions
  std::int64_t livy_session_timeout_seconds = 3600;  // idle sessions; 0: never
  bool livy_impersonation = false;
  std::string livy_spark_deploy_mode;
  std::int64_t livy_kill_grace_ms = 5000;
};

}  // namespace jobflow::app
