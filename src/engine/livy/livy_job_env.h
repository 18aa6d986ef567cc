#pragma once

#include <cstdint>
#include <string>

#include "engine/livy/livy_config.h"
#include "model/job.h"

namespace jobflow::engine::livy {

// What every Livy job finds in its environment: its own id (`id_variable`, e.g. LIVY_BATCH_ID),
// and the endpoints that make boto3 and Livy clients inside it reach this server unchanged.
inline void add_job_env(const LivyConfig& config, model::JobSpec& spec, const char* id_variable, std::int64_t id) {
  spec.env.emplace_back(id_variable, std::to_string(id));
  if (!config.endpoint_url.empty()) {
    spec.env.emplace_back("JOBFLOW_ENDPOINT_URL", config.endpoint_url);
    spec.env.emplace_back("AWS_ENDPOINT_URL", config.endpoint_url);
    spec.env.emplace_back("LIVY_URL", config.endpoint_url);
  }
}

}  // namespace jobflow::engine::livy
