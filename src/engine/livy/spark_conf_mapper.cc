#include "engine/livy/spark_conf_mapper.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

namespace jobflow::engine::livy {
namespace {

// conf/spark-blacklist.conf.template plus Session.BLACKLIST_CUSTOM_CLASSPATH (applied because
// livy.server.session.allow-custom-classpath is false by default).
constexpr std::array<std::string_view, 7> kBlacklist = {
    "spark.master",
    "spark.submit.deployMode",
    "spark.yarn.jar",
    "spark.yarn.jars",
    "spark.yarn.archive",
    "livy.rsc.server.idle-timeout",
    "spark.submit.proxyUser.allowCustomClasspathInClusterMode",
};

// LivyConf.HARDCODED_SPARK_FILE_LISTS; the first four also take the request's lists.
constexpr std::array<std::string_view, 10> kFileLists = {
    "spark.jars",         "spark.files",         "spark.yarn.dist.archives", "spark.submit.pyFiles",
    "spark.archives",     "spark.yarn.archive",  "spark.yarn.dist.files",    "spark.yarn.dist.jars",
    "spark.yarn.jar",     "spark.yarn.jars",
};

void put(SparkConf& conf, std::string_view key, std::string value) {
  for (auto& [k, v] : conf)
    if (k == key) {
      v = std::move(value);
      return;
    }
  conf.emplace_back(std::string(key), std::move(value));
}

// Livy splits a conf list at "[, ]+".
std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < list.size()) {
    std::size_t j = list.find_first_of(", ", i);
    if (j == std::string_view::npos) j = list.size();
    if (j > i) out.emplace_back(list.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }

}  // namespace

SparkConfMapper::SparkConfMapper(const LivyConfig& config) : config_(config), paths_(config) {}

std::optional<std::string> SparkConfMapper::find(const SparkConf& conf, std::string_view key) {
  for (const auto& [k, v] : conf)
    if (k == key) return v;
  return std::nullopt;
}

Status SparkConfMapper::check_blacklist(const std::vector<std::pair<std::string, std::string>>& conf) const {
  std::vector<std::string_view> bad;
  for (const auto& [key, value] : conf)
    if (std::find(kBlacklist.begin(), kBlacklist.end(), key) != kBlacklist.end() &&
        std::find(bad.begin(), bad.end(), key) == bad.end())
      bad.push_back(key);
  if (bad.empty()) return {};
  return fail(Error::invalid_input(
      "conf", fmt::format("Blacklisted configuration values in session config: {}", fmt::join(bad, ", "))));
}

Result<SparkConf> SparkConfMapper::map(const model::LivyJobFields& fields, std::string_view app_tag) const {
  if (auto ok = check_blacklist(fields.conf); !ok) return fail(ok.error());

  SparkConf conf;
  for (const auto& [k, v] : fields.conf) put(conf, k, v);

  put(conf, "spark.master", config_.spark_master);
  if (!config_.spark_deploy_mode.empty()) put(conf, "spark.submit.deployMode", config_.spark_deploy_mode);

  for (std::string_view key : kFileLists) {
    const std::vector<std::string> none;
    const std::vector<std::string>& user = key == "spark.jars"                 ? fields.jars
                                           : key == "spark.files"              ? fields.files
                                           : key == "spark.yarn.dist.archives" ? fields.archives
                                           : key == "spark.submit.pyFiles"     ? fields.py_files
                                                                               : none;
    // Livy resolves the conf's list first, so its errors come first; the request's list goes first.
    std::vector<std::string> from_conf;
    for (const auto& [k, v] : fields.conf)
      if (k == key) from_conf = split_list(v);
    std::vector<std::string> resolved[2];  // [0] conf, [1] request
    for (int i = 0; i < 2; ++i) {
      for (const auto& entry : i == 0 ? from_conf : user) {
        if (entry.empty()) continue;  // Livy drops empty entries
        auto uri = paths_.check(entry);
        if (!uri) return fail(uri.error());
        resolved[i].push_back(std::move(*uri));
      }
    }
    std::vector<std::string> merged = std::move(resolved[1]);
    merged.insert(merged.end(), resolved[0].begin(), resolved[0].end());
    if (!merged.empty()) put(conf, key, fmt::format("{}", fmt::join(merged, ",")));
  }

  if (starts_with(config_.spark_master, "yarn")) {
    std::string tags(app_tag);
    if (auto user = find(conf, "spark.yarn.tags")) tags += "," + *user;
    put(conf, "spark.yarn.tags", tags);
    put(conf, "spark.yarn.submit.waitAppCompletion", "false");
  } else if (starts_with(config_.spark_master, "k8s")) {
    put(conf, "spark.kubernetes.driver.label.spark-app-tag", std::string(app_tag));
    put(conf, "spark.kubernetes.executor.label.spark-app-tag", std::string(app_tag));
    put(conf, "spark.kubernetes.submission.waitAppCompletion", "false");
    put(conf, "spark.ui.proxyBase", fmt::format("/{}", app_tag));
  }

  if (fields.driver_memory) put(conf, "spark.driver.memory", *fields.driver_memory);
  if (fields.driver_cores) put(conf, "spark.driver.cores", std::to_string(*fields.driver_cores));
  if (fields.executor_memory) put(conf, "spark.executor.memory", *fields.executor_memory);
  if (fields.executor_cores) put(conf, "spark.executor.cores", std::to_string(*fields.executor_cores));
  if (fields.num_executors) put(conf, "spark.executor.instances", std::to_string(*fields.num_executors));
  return conf;
}

Result<SparkConf> SparkConfMapper::batch_conf(const model::LivyJobFields& fields, std::string_view app_tag) const {
  return map(fields, app_tag);
}

Result<SparkConf> SparkConfMapper::session_conf(std::int64_t session_id, const model::LivyJobFields& fields,
                                                std::string_view app_tag) const {
  auto conf = map(fields, app_tag);
  if (!conf) return conf;
  if (fields.name) put(*conf, "spark.app.name", *fields.name);
  if (fields.queue) put(*conf, "spark.yarn.queue", *fields.queue);
  if (!find(*conf, "spark.app.name")) put(*conf, "spark.app.name", fmt::format("livy-session-{}", session_id));
  return conf;
}

}  // namespace jobflow::engine::livy
