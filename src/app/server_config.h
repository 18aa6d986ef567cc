#pragma once

#include <cstdint>
#include <string>

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
};

}  // namespace jobflow::app
