#include "engine/livy/batch_command_builder.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <random>

namespace jobflow::engine::livy {
namespace {

constexpr std::string_view kPyFilesKey = "spark.submit.pyFiles";
constexpr std::string_view kJarsKey = "spark.jars";

std::string random_tag() {
  static constexpr std::string_view kChars = "abcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, kChars.size() - 1);
  std::string out;
  for (int i = 0; i < 8; ++i) out += kChars[pick(rng)];
  return out;
}

std::string quote(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::vector<std::string> split_commas(const std::optional<std::string>& list) {
  std::vector<std::string> out;
  if (!list) return out;
  std::size_t i = 0;
  while (i <= list->size()) {
    std::size_t j = list->find(',', i);
    if (j == std::string::npos) j = list->size();
    if (j > i) out.push_back(list->substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string parent_dir(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

std::string spark_missing(const LivyConfig& config) {
  if (config.spark_home.empty()) return "SPARK_HOME unset, no spark-submit on PATH";
  return fmt::format("no spark-submit in {}/bin or on PATH", config.spark_home);
}

}  // namespace

BatchCommandBuilder::BatchCommandBuilder(const LivyConfig& config, std::function<std::string()> tag_source)
    : config_(config), mapper_(config), tag_source_(tag_source ? std::move(tag_source) : random_tag) {}

std::string BatchCommandBuilder::shell_join(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    out += quote(a);
  }
  return out;
}

std::optional<std::string> BatchCommandBuilder::java_heap_option(std::string_view memory) {
  // Spark's JavaUtils.byteStringAs: lower case, trimmed, digits then an optional unit.
  std::string s;
  for (char c : memory) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  s = s.substr(start);
  std::size_t digits = 0;
  while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
  if (digits == 0 || digits > 18) return std::nullopt;
  const std::string number = s.substr(0, digits);
  const std::string unit = s.substr(digits);
  // Java's -Xmx takes bytes or a k/m/g/t suffix; no unit means MiB for spark.driver.memory.
  if (unit.empty() || unit == "m" || unit == "mb") return "-Xmx" + number + "m";
  if (unit == "b") return "-Xmx" + number;
  if (unit == "k" || unit == "kb") return "-Xmx" + number + "k";
  if (unit == "g" || unit == "gb") return "-Xmx" + number + "g";
  if (unit == "t" || unit == "tb") return "-Xmx" + number + "t";
  if (unit == "p" || unit == "pb") {
    const std::uint64_t n = std::stoull(number);
    if (n > std::numeric_limits<std::uint64_t>::max() / 1024) return std::nullopt;
    return fmt::format("-Xmx{}t", n * 1024);
  }
  return std::nullopt;
}

std::string BatchCommandBuilder::app_tag(std::int64_t batch_id) const {
  std::string tag = fmt::format("livy-batch-{}-{}", batch_id, tag_source_());
  for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tag;
}

Result<BatchLaunch> BatchCommandBuilder::build(std::int64_t batch_id, const model::BatchRequest& request) const {
  const bool spark = !config_.spark_submit.empty();
  const bool tagged = config_.spark_master.starts_with("yarn") || config_.spark_master.starts_with("k8s");
  auto conf = mapper_.batch_conf(request.fields, spark && tagged ? app_tag(batch_id) : std::string());
  if (!conf) return fail(conf.error());
  if (request.file.empty())
    return fail(Error::invalid_input("batch", "requirement failed: File is required."));
  auto file_uri = mapper_.paths().check(request.file);
  if (!file_uri) return fail(file_uri.error());
  if (spark) return with_spark(request, *conf, *file_uri);
  return without_spark(request, *conf);
}

BatchLaunch BatchCommandBuilder::with_spark(const model::BatchRequest& request, const SparkConf& conf,
                                            const std::string& file_uri) const {
  const auto& f = request.fields;
  BatchLaunch launch;
  auto& argv = launch.spec.argv;
  argv.push_back(config_.spark_submit);
  if (f.name) argv.insert(argv.end(), {"--name", *f.name});
  if (request.class_name) argv.insert(argv.end(), {"--class", *request.class_name});
  for (const auto& [key, value] : conf) {
    if (key == kPyFilesKey) {
      argv.insert(argv.end(), {"--py-files", value});
    } else {
      argv.insert(argv.end(), {"--conf", key + "=" + value});
    }
  }
  if (config_.impersonation && f.proxy_user) argv.insert(argv.end(), {"--proxy-user", *f.proxy_user});
  if (f.queue) argv.insert(argv.end(), {"--queue", *f.queue});
  argv.push_back(file_uri);
  argv.insert(argv.end(), request.args.begin(), request.args.end());

  launch.notes.push_back("jobflow: running " + shell_join(argv));
  if (!config_.impersonation && f.proxy_user)
    launch.notes.push_back(fmt::format(
        "jobflow: proxyUser={} recorded but not applied: impersonation is off (livy.impersonation.enabled)",
        *f.proxy_user));
  return launch;
}

Result<BatchLaunch> BatchCommandBuilder::without_spark(const model::BatchRequest& request,
                                                       const SparkConf& conf) const {
  const auto& f = request.fields;
  const auto& paths = mapper_.paths();
  auto file = paths.to_local(request.file);
  if (!file) return fail(file.error());

  enum class Kind { kPython, kJava, kExecutable };
  const Kind kind = file->ends_with(".py") ? Kind::kPython : file->ends_with(".jar") ? Kind::kJava : Kind::kExecutable;
  const bool jars_on_class_path = kind == Kind::kJava && request.class_name.has_value();

  // Local paths of a merged file list (the request's entries, then its conf key's).
  auto local_list = [&](std::string_view key) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    for (const auto& uri : split_commas(SparkConfMapper::find(conf, key))) {
      auto local = paths.to_local(uri);
      if (!local) return fail(local.error());
      out.push_back(std::move(*local));
    }
    return out;
  };

  BatchLaunch launch;
  auto& argv = launch.spec.argv;
  std::vector<std::string> not_applied;
  auto list_field = [&](std::string_view label, const std::vector<std::string>& list, std::string_view why = {}) {
    if (!list.empty())
      not_applied.push_back(fmt::format("{}={}{}", label, fmt::join(list, ","), why));
  };
  std::string env_prefix;  // for the note: how to run the same by hand

  switch (kind) {
    case Kind::kPython: {
      argv = {config_.python, *file};
      auto py_files = local_list(kPyFilesKey);
      if (!py_files) return fail(py_files.error());
      // Spark puts .zip/.egg files on the path and, for a .py file, its directory (SPARK-24384).
      std::vector<std::string> entries;
      for (const auto& p : *py_files) {
        std::string entry = p.ends_with(".py") ? parent_dir(p) : p;
        if (std::find(entries.begin(), entries.end(), entry) == entries.end()) entries.push_back(std::move(entry));
      }
      if (!entries.empty()) {
        // spec.env is set on top of the server's environment: prepend to the server's PYTHONPATH.
        std::string value = fmt::format("{}", fmt::join(entries, ":"));
        const char* existing = std::getenv("PYTHONPATH");
        const bool keep = existing && *existing;
        env_prefix = fmt::format("PYTHONPATH={}{} ", quote(value), keep ? ":\"$PYTHONPATH\"" : "");
        if (keep) {
          value += ':';
          value += existing;
        }
        launch.spec.env.emplace_back("PYTHONPATH", std::move(value));
      }
      break;
    }
    case Kind::kJava: {
      argv = {config_.java};
      if (f.driver_memory) {
        if (auto xmx = java_heap_option(*f.driver_memory)) argv.push_back(*xmx);
      }
      if (jars_on_class_path) {
        auto jars = local_list(kJarsKey);
        if (!jars) return fail(jars.error());
        std::string class_path = *file;
        for (const auto& j : *jars) class_path += ":" + j;
        argv.insert(argv.end(), {"-cp", class_path, *request.class_name});
      } else {
        argv.insert(argv.end(), {"-jar", *file});
      }
      break;
    }
    case Kind::kExecutable:
      argv = {*file};
      break;
  }
  argv.insert(argv.end(), request.args.begin(), request.args.end());

  // What Spark would have done with the rest, in the request's field order.
  if (request.class_name && kind != Kind::kJava) not_applied.push_back("className=" + *request.class_name);
  if (kind == Kind::kJava && !jars_on_class_path)
    list_field("jars", f.jars, " (java -jar uses the JAR's own class path; give className to add jars)");
  else if (kind != Kind::kJava)
    list_field("jars", f.jars);
  if (kind != Kind::kPython) list_field("pyFiles", f.py_files);
  list_field("files", f.files);
  list_field("archives", f.archives);
  if (f.driver_memory) {
    if (kind != Kind::kJava)
      not_applied.push_back("driverMemory=" + *f.driver_memory);
    else if (!java_heap_option(*f.driver_memory))
      not_applied.push_back("driverMemory=" + *f.driver_memory + " (not a size such as 512m or 2g)");
  }
  if (f.driver_cores) not_applied.push_back(fmt::format("driverCores={}", *f.driver_cores));
  if (f.executor_memory) not_applied.push_back("executorMemory=" + *f.executor_memory);
  if (f.executor_cores) not_applied.push_back(fmt::format("executorCores={}", *f.executor_cores));
  if (f.num_executors) not_applied.push_back(fmt::format("numExecutors={}", *f.num_executors));
  if (f.queue) not_applied.push_back("queue=" + *f.queue);
  if (f.proxy_user) not_applied.push_back("proxyUser=" + *f.proxy_user + " (recorded only)");
  for (const auto& [key, value] : f.conf) {
    if ((key == kPyFilesKey && kind == Kind::kPython) || (key == kJarsKey && jars_on_class_path)) continue;
    not_applied.push_back(fmt::format("conf {}={}", key, value));
  }

  launch.notes.push_back(fmt::format("jobflow: Spark is not installed ({}): running {}{}", spark_missing(config_),
                                     env_prefix, shell_join(argv)));
  if (!not_applied.empty())
    launch.notes.push_back(fmt::format("jobflow: not applied without Spark: {}", fmt::join(not_applied, ", ")));
  return launch;
}

}  // namespace jobflow::engine::livy
