#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"
#include "engine/livy/livy_config.h"
#include "engine/livy/livy_path_policy.h"
#include "engine/livy/spark_conf_mapper.h"
#include "model/job.h"
#include "model/livy_request.h"

namespace jobflow::engine::livy {

// How a session's interpreter is started: the command line, its environment, the Spark settings
// a real SparkSession is built from, and the notes written at the top of the session's log.
struct SessionLaunch {
  model::JobSpec spec;               // argv and env; the service fills ids and directories
  std::string spark_conf_json;       // the --spark-conf file's content
  std::vector<std::string> notes;
};

// Validates a session request (kind, paths, blacklisted conf) and builds its launch. The
// interpreter is repl/jobflow_repl.py under config.python for every kind; sql and spark (Scala,
// through spark-shell) need Spark; sparkr is refused with a clear error.
class SessionLaunchBuilder {
 public:
  SessionLaunchBuilder(const LivyConfig& config, const SparkConfMapper& conf, const LivyPathPolicy& paths);

  // Checks everything build() would, without an id.
  Status validate(const model::SessionRequest& request) const;
  Result<SessionLaunch> build(std::int64_t id, const model::SessionRequest& request, const std::string& script,
                              const std::string& session_dir, const std::string& token) const;
  // Whether statements of `kind` can run in this server's interpreters.
  Status check_statement_kind(model::LivyKind kind) const;

 private:
  const LivyConfig& config_;
  const SparkConfMapper& conf_;
  const LivyPathPolicy& paths_;
};

}  // namespace jobflow::engine::livy
