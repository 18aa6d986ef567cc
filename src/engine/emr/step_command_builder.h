#pragma once

#include <expected>
#include <string>

#include "engine/emr/emr_config.h"
#include "engine/find_program.h"
#include "engine/uri_mapper.h"
#include "executor/job.h"
#include "model/cluster.h"
#include "model/step.h"

namespace jobflow::engine {

// Turns a step's HadoopJarStep into the command line EMR would run:
//   command-runner.jar  Args[0] is the program (no shell), empty args dropped
//   script-runner.jar   Args[0] is a script (local, file:// or s3:// mapped), the rest its args
//   any other JAR       `hadoop jar JAR [MAINCLASS] ARGS` when hadoop is on PATH, else
//                       `java -cp JAR MAINCLASS ARGS` (`java -jar JAR ARGS` without MainClass)
// spark-submit as the program gets the cluster's master unless the args name one.
// A step that cannot run here (no Spark installed, bad path) yields FailureDetails instead.
class StepCommandBuilder {
 public:
  StepCommandBuilder(const EmrConfig& config, const UriMapper& uris);
  std::expected<executor::JobSpec, model::FailureDetails> build(const model::Cluster& cluster,
                                                                const model::Step& step) const;
  // The Spark master of a cluster: spark-defaults spark.master, else the server default.
  std::string spark_master(const model::Cluster& cluster) const;

 private:
  const EmrConfig& config_;
  const UriMapper& uris_;
};

}  // namespace jobflow::engine
