#include "engine/livy/session_launch_builder.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>

#include "engine/livy/batch_command_builder.h"

namespace jobflow::engine::livy {
namespace {

bool spark_installed(const LivyConfig& config) { return !config.spark_submit.empty(); }

std::string spark_missing() {
  return "Spark is not installed on this jobflow server (no SPARK_HOME, no spark-submit on PATH)";
}

// PYTHONPATH entries that make pyspark importable from a Spark installation.
std::vector<std::string> spark_python_path(const std::string& spark_home) {
  std::vector<std::string> out;
  if (spark_home.empty()) return out;
  out.push_back(spark_home + "/python");
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(spark_home + "/python/lib", ec)) {
    const std::string name = f.path().filename().string();
    if (name.starts_with("py4j-") && name.ends_with(".zip")) out.push_back(f.path().string());
  }
  return out;
}

}  // namespace

SessionLaunchBuilder::SessionLaunchBuilder(const LivyConfig& config, const SparkConfMapper& conf,
                                           const LivyPathPolicy& paths)
    : config_(config), conf_(conf), paths_(paths) {}

Status SessionLaunchBuilder::check_statement_kind(model::LivyKind kind) const {
  switch (kind) {
    case model::LivyKind::kPyspark:
      return {};
    case model::LivyKind::kSql:
      if (spark_installed(config_)) return {};
      return fail(Error::unsupported("statement", spark_missing() + ": sql needs Spark."));
    case model::LivyKind::kSpark:
      // Scala runs in Spark's own REPL (spark-shell), driven by the session's interpreter.
      if (spark_installed(config_)) return {};
      return fail(Error::unsupported("statement", spark_missing() + ": Scala (kind spark) needs Spark."));
    case model::LivyKind::kSparkr:
      return fail(Error::unsupported("statement", "R (kind sparkr) is not supported by jobflow."));
    case model::LivyKind::kShared:
      break;
  }
  return fail(Error::invalid_input("statement", "Code type should be specified if session kind is shared"));
}

Status SessionLaunchBuilder::validate(const model::SessionRequest& request) const {
  if (request.kind != model::LivyKind::kShared)
    if (auto ok = check_statement_kind(request.kind); !ok) return fail(Error{ok.error().code, "session", ok.error().message});
  if (auto ok = conf_.check_blacklist(request.fields.conf); !ok) return ok;
  if (auto conf = conf_.session_conf(0, request.fields, "livy-session-0"); !conf) return fail(conf.error());
  return {};
}

Result<SessionLaunch> SessionLaunchBuilder::build(std::int64_t id, const model::SessionRequest& request,
                                                  const std::string& script, const std::string& session_dir,
                                                  const std::string& token) const {
  if (auto ok = validate(request); !ok) return fail(ok.error());
  const std::string app_tag = fmt::format("livy-session-{}-{}", id, token.substr(0, 8));
  auto conf = conf_.session_conf(id, request.fields, app_tag);
  if (!conf) return fail(conf.error());

  SessionLaunch launch;
  boost::json::object spark_conf;
  for (const auto& [k, v] : *conf) spark_conf[k] = v;
  launch.spark_conf_json = boost::json::serialize(spark_conf);

  const model::LivyKind kind = request.kind;
  launch.spec.argv = {config_.python,
                      "-u",
                      script,
                      "--connection-file",
                      session_dir + "/repl.json",
                      "--kind",
                      std::string(model::kLivyKinds.name(kind)),
                      "--spark-conf",
                      session_dir + "/spark-conf.json",
                      "--orphan-timeout",
                      std::to_string(std::max<std::int64_t>(1, config_.repl_orphan_timeout_ms / 1000))};
  launch.spec.env.emplace_back("JOBFLOW_REPL_TOKEN", token);

  std::vector<std::string> python_path;
  std::vector<std::string> unused_py_files;
  for (const auto& file : request.fields.py_files) {
    if (auto local = paths_.to_local(file)) python_path.push_back(*local);
    else unused_py_files.push_back(file);
  }
  for (auto& p : spark_python_path(config_.spark_home)) python_path.push_back(std::move(p));
  if (!python_path.empty()) {
    std::string joined;
    for (const auto& p : python_path) joined += (joined.empty() ? "" : ":") + p;
    if (const char* existing = std::getenv("PYTHONPATH"); existing && *existing) joined += std::string(":") + existing;
    launch.spec.env.emplace_back("PYTHONPATH", joined);
  }

  launch.notes.push_back(fmt::format("jobflow: interpreter for a {} session: {}", model::kLivyKinds.name(kind),
                                     BatchCommandBuilder::shell_join({config_.python, "-u", script})));
  if (!spark_installed(config_)) {
    const auto& f = request.fields;
    std::vector<std::string> unused;
    if (f.driver_memory) unused.push_back("driverMemory=" + *f.driver_memory);
    if (f.driver_cores) unused.push_back(fmt::format("driverCores={}", *f.driver_cores));
    if (f.executor_memory) unused.push_back("executorMemory=" + *f.executor_memory);
    if (f.executor_cores) unused.push_back(fmt::format("executorCores={}", *f.executor_cores));
    if (f.num_executors) unused.push_back(fmt::format("numExecutors={}", *f.num_executors));
    if (f.queue) unused.push_back("queue=" + *f.queue);
    for (const auto& j : f.jars) unused.push_back("jars " + j);
    for (const auto& x : f.files) unused.push_back("files " + x);
    for (const auto& a : f.archives) unused.push_back("archives " + a);
    for (const auto& p : unused_py_files) unused.push_back("pyFiles " + p);
    for (const auto& [k, v] : f.conf) unused.push_back("conf " + k + "=" + v);
    if (f.proxy_user) unused.push_back("proxyUser=" + *f.proxy_user + " (recorded; the interpreter runs as the server's user)");
    if (!unused.empty()) {
      std::string line = "jobflow: " + spark_missing() + "; these settings apply only to a SparkSession:";
      for (std::size_t i = 0; i < unused.size(); ++i) line += (i ? ", " : " ") + unused[i];
      launch.notes.push_back(std::move(line));
    }
  }
  return launch;
}

}  // namespace jobflow::engine::livy
