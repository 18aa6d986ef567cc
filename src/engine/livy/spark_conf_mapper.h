#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "engine/livy/livy_config.h"
#include "engine/livy/livy_path_policy.h"
#include "model/livy_request.h"

namespace jobflow::engine::livy {

// Spark settings in order, each key once.
using SparkConf = std::vector<std::pair<std::string, std::string>>;

// Maps a request's fields to the Spark settings Livy derives from them (Session.prepareConf,
// SparkApp.prepareSparkConf, then BatchSession / InteractiveSession):
//   1. the blacklist: spark.master, spark.submit.deployMode, spark.yarn.jar, spark.yarn.jars,
//      spark.yarn.archive, livy.rsc.server.idle-timeout (conf/spark-blacklist.conf.template) and
//      spark.submit.proxyUser.allowCustomClasspathInClusterMode (Livy's custom-classpath list);
//   2. the user's conf, in request order;
//   3. spark.master (config.spark_master) and spark.submit.deployMode (config.spark_deploy_mode, if set);
//   4. file lists: for spark.jars, spark.files, spark.yarn.dist.archives, spark.submit.pyFiles the
//      request's list followed by the conf value of the same key (split at runs of ',' and ' '); the
//      other file-list keys (spark.archives, spark.yarn.dist.files, ...) from conf alone. Every entry
//      goes through LivyPathPolicy::check and the list is joined with ',';
//   5. YARN masters: spark.yarn.tags=<app tag>[,user tags], spark.yarn.submit.waitAppCompletion=false;
//      k8s masters: spark.kubernetes.{driver,executor}.label.spark-app-tag=<app tag>,
//      spark.kubernetes.submission.waitAppCompletion=false, spark.ui.proxyBase=/<app tag>;
//   6. spark.driver.memory, spark.driver.cores, spark.executor.memory, spark.executor.cores,
//      spark.executor.instances from the request fields (they win over conf);
//   7. sessions only: spark.app.name (name, else a conf value, else livy-session-<id>) and
//      spark.yarn.queue (queue). A batch's name and queue are spark-submit options instead.
// A key set again keeps its first position and takes the new value. (Livy keeps these in a hash
// map, so its order is the hash order; spark-submit and SparkConf do not depend on the order.)
class SparkConfMapper {
 public:
  explicit SparkConfMapper(const LivyConfig& config);

  // Livy's blacklist check: Error::invalid_input("conf", "Blacklisted configuration values in
  // session config: k1, k2") naming the offending keys in request order.
  Status check_blacklist(const std::vector<std::pair<std::string, std::string>>& conf) const;

  // The --conf entries of a batch's spark-submit (spark.submit.pyFiles included: it is given as
  // --py-files). app_tag is used for YARN and Kubernetes masters only.
  Result<SparkConf> batch_conf(const model::LivyJobFields& fields, std::string_view app_tag) const;

  // The Spark properties of an interactive session's SparkSession.
  Result<SparkConf> session_conf(std::int64_t session_id, const model::LivyJobFields& fields,
                                 std::string_view app_tag) const;

  const LivyPathPolicy& paths() const { return paths_; }

  // The value of `key` in `conf`, if set.
  static std::optional<std::string> find(const SparkConf& conf, std::string_view key);

 private:
  Result<SparkConf> map(const model::LivyJobFields& fields, std::string_view app_tag) const;

  const LivyConfig& config_;
  LivyPathPolicy paths_;
};

}  // namespace jobflow::engine::livy
