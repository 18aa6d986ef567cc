#include "engine/emr/step_command_builder.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace jobflow::engine {
namespace {

bool ends_with_jar(const std::string& jar, std::string_view name) {
  return jar == name ||
         (jar.size() > name.size() && jar.ends_with(name) && jar[jar.size() - name.size() - 1] == '/');
}

std::string env_name(const std::string& key) {
  std::string out;
  for (char c : key) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(out.begin(), '_');
  return out;
}

model::FailureDetails failure(std::string reason, std::string message) {
  return {std::move(reason), std::move(message), {}};
}

}  // namespace

StepCommandBuilder::StepCommandBuilder(const EmrConfig& config, const UriMapper& uris)
    : config_(config), uris_(uris) {}

std::string StepCommandBuilder::spark_master(const model::Cluster& cluster) const {
  for (const auto& c : cluster.spec.configurations) {
    const auto* obj = c.if_object();
    if (!obj) continue;
    const auto* cls = obj->if_contains("Classification");
    if (!cls || !cls->is_string() || cls->as_string() != "spark-defaults") continue;
    if (const auto* props = obj->if_contains("Properties"); props && props->is_object())
      if (const auto* m = props->as_object().if_contains("spark.master"); m && m->is_string())
        return std::string(m->as_string());
  }
  return config_.default_spark_master;
}

std::expected<executor::JobSpec, model::FailureDetails> StepCommandBuilder::build(
    const model::Cluster& cluster, const model::Step& step) const {
  const auto& hjs = step.spec.hadoop_jar_step;
  executor::JobSpec spec;
  spec.job_id = step.id;
  spec.label = "Step";
  spec.log_dir = step.log_dir;
  spec.working_dir = config_.work_root() + "/" + cluster.id + "/" + step.id;
  spec.env = {
      {"JOBFLOW_CLUSTER_ID", cluster.id},
      {"JOBFLOW_STEP_ID", step.id},
      {"JOBFLOW_STEP_NAME", step.spec.name},
      {"JOBFLOW_LOG_DIR", step.log_dir},
      {"JOBFLOW_S3_ROOT", uris_.s3_root()},
      {"JOBFLOW_DATA_DIR", config_.data_dir},
      {"SPARK_MASTER", spark_master(cluster)},
      {"AWS_DEFAULT_REGION", cluster.region},
      {"AWS_REGION", cluster.region},
  };
  if (!config_.endpoint_url.empty()) {
    spec.env.emplace_back("JOBFLOW_ENDPOINT_URL", config_.endpoint_url);
    spec.env.emplace_back("AWS_ENDPOINT_URL", config_.endpoint_url);
  }

  std::vector<std::string> argv;
  if (ends_with_jar(hjs.jar, "command-runner.jar")) {
    for (const auto& a : hjs.args)
      if (!a.empty()) argv.push_back(a);  // command-runner drops empty arguments
    if (argv.empty())
      return std::unexpected(failure("No command given.",
                                     "command-runner.jar needs the program to run as Args[0]."));
    for (const auto& [k, v] : hjs.properties) spec.env.emplace_back(env_name(k), v);
  } else if (ends_with_jar(hjs.jar, "script-runner.jar")) {
    if (hjs.args.empty() || hjs.args[0].empty())
      return std::unexpected(failure("No script given.",
                                     "script-runner.jar needs the script to run as Args[0]."));
    auto script = uris_.to_local(hjs.args[0]);
    if (!script) return std::unexpected(failure("Invalid script location.", script.error().message));
    if (::access(script->c_str(), R_OK) != 0)
      return std::unexpected(failure(
          "Script not found.", fmt::format("The script {} (local path {}) does not exist or cannot be read.",
                                           hjs.args[0], *script)));
    // Run through sh if the script is not executable, as script-runner does after downloading it.
    if (::access(script->c_str(), X_OK) != 0) argv.push_back("/bin/sh");
    argv.push_back(*script);
    argv.insert(argv.end(), hjs.args.begin() + 1, hjs.args.end());
    for (const auto& [k, v] : hjs.properties) spec.env.emplace_back(env_name(k), v);
  } else {
    auto jar = uris_.to_local(hjs.jar);
    if (!jar) return std::unexpected(failure("Invalid JAR location.", jar.error().message));
    if (::access(jar->c_str(), R_OK) != 0)
      return std::unexpected(failure(
          "JAR not found.", fmt::format("The JAR {} (local path {}) does not exist or cannot be read.",
                                        hjs.jar, *jar)));
    if (std::string hadoop = find_program("hadoop"); !hadoop.empty()) {
      argv = {hadoop, "jar", *jar};
      if (!hjs.main_class.empty()) argv.push_back(hjs.main_class);
      std::string opts;
      for (const auto& [k, v] : hjs.properties) opts += fmt::format("{}-D{}={}", opts.empty() ? "" : " ", k, v);
      if (!opts.empty()) spec.env.emplace_back("HADOOP_CLIENT_OPTS", opts);
    } else {
      std::string java = find_program("java");
      if (java.empty())
        return std::unexpected(failure("Java is not installed.",
                                       "Neither hadoop nor java was found on the server's PATH to run the JAR."));
      argv = {java};
      for (const auto& [k, v] : hjs.properties) argv.push_back(fmt::format("-D{}={}", k, v));
      if (hjs.main_class.empty()) {
        argv.insert(argv.end(), {"-jar", *jar});
      } else {
        argv.insert(argv.end(), {"-cp", *jar, hjs.main_class});
      }
    }
    argv.insert(argv.end(), hjs.args.begin(), hjs.args.end());
  }

  if (argv[0] == "spark-submit") {
    std::string spark;
    if (const char* home = std::getenv("SPARK_HOME"); home && *home)
      spark = find_program(std::string(home) + "/bin/spark-submit");
    if (spark.empty()) spark = find_program("spark-submit");
    if (spark.empty())
      return std::unexpected(failure(
          "Spark is not installed.",
          "spark-submit was not found: jobflow runs it from $SPARK_HOME/bin or the server's PATH, and "
          "neither has it. Install Spark on the jobflow server or set SPARK_HOME."));
    argv[0] = spark;
    const bool has_master = std::any_of(argv.begin(), argv.end(), [](const std::string& a) {
      return a == "--master" || a.starts_with("--master=");
    });
    if (!has_master) argv.insert(argv.begin() + 1, {"--master", spark_master(cluster)});
  }
  spec.argv = std::move(argv);
  return spec;
}

}  // namespace jobflow::engine
