#pragma once

#include <cstdint>
#include <string>

namespace jobflow::engine {

struct EmrConfig {
  std::string data_dir;                      // everything lives under it
  std::string default_spark_master = "local[*]";
  std::string endpoint_url;                  // how jobs reach this server (AWS_ENDPOINT_URL)
  std::int64_t kill_grace_ms = 10'000;       // SIGTERM -> SIGKILL on termination
  std::string s3_root() const { return data_dir + "/s3"; }
  std::string default_log_root() const { return data_dir + "/logs"; }
  std::string work_root() const { return data_dir + "/work"; }
  std::string run_root() const { return data_dir + "/run"; }
};

}  // namespace jobflow::engine
