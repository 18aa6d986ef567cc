#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "engine/livy/livy_config.h"
#include "engine/livy/spark_conf_mapper.h"
#include "model/job.h"
#include "model/livy_request.h"

namespace jobflow::engine::livy {

// What to run for a batch, and the lines jobflow writes at the top of its log before it starts.
struct BatchLaunch {
  model::JobSpec spec;             // argv and env only; the service fills ids, dirs and label
  std::vector<std::string> notes;  // "jobflow: ..." lines
};

// Turns POST /batches into a command line.
//
// Validation first, in Livy's order (BatchSession.create): blacklisted conf keys, the file lists
// (jars, files, archives, pyFiles and their conf keys), "requirement failed: File is required.",
// then `file` itself; paths through LivyPathPolicy.
//
// With Spark (config.spark_submit set), the command Livy's BatchSession + SparkProcessBuilder run:
//   spark-submit [--name N] [--class C] (--conf k=v | --py-files a,b)... [--proxy-user U] [--queue Q]
//                <file URI> args...
// The master and deploy mode are --conf spark.master / spark.submit.deployMode entries (Livy never
// passes --master/--deploy-mode for batches); --proxy-user only with config.impersonation. The
// caller passes the effective proxy user (doAs, else proxyUser, else the owner when impersonating)
// in request.fields.proxy_user. YARN and k8s masters get the app tag livy-batch-<id>-<8 chars>.
//
// Without Spark, the file runs directly:
//   x.py     config.python x.py args...   (PYTHONPATH = pyFiles + spark.submit.pyFiles, then the
//                                          server's PYTHONPATH)
//   x.jar    config.java [-Xmx<driverMemory>] -cp x.jar:jars... className args...
//            config.java [-Xmx<driverMemory>] -jar x.jar args...      (no className: jars unused)
//   other    x args...                    (an executable)
// and every request field that cannot apply is named in a note (nothing is silently dropped).
class BatchCommandBuilder {
 public:
  // tag_source: the 8 random characters of Livy's app tag; empty: random [a-z0-9].
  explicit BatchCommandBuilder(const LivyConfig& config, std::function<std::string()> tag_source = {});

  Result<BatchLaunch> build(std::int64_t batch_id, const model::BatchRequest& request) const;

  // Livy/Spark memory strings (512m, 2g, 1024k, 1t, 2gb, 100 = MiB) as a java -Xmx option
  // ("-Xmx512m"); nullopt when the string is not a memory size.
  static std::optional<std::string> java_heap_option(std::string_view memory);

  // argv as one line a POSIX shell reads back as the same words.
  static std::string shell_join(const std::vector<std::string>& argv);

 private:
  BatchLaunch with_spark(const model::BatchRequest& request, const SparkConf& conf,
                         const std::string& file_uri) const;
  Result<BatchLaunch> without_spark(const model::BatchRequest& request, const SparkConf& conf) const;
  std::string app_tag(std::int64_t batch_id) const;

  const LivyConfig& config_;
  SparkConfMapper mapper_;
  std::function<std::string()> tag_source_;
};

}  // namespace jobflow::engine::livy
