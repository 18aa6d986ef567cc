#include "engine/emr/step_command_builder.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace jobflow::engine {
namespace {

struct UriCase {
  const char* uri;
  const char* local;  // nullptr: rejected
};

TEST(UriMapper, MapsS3FileAndAbsolutePaths) {
  UriMapper m("/data/s3");
  const UriCase cases[] = {
      {"s3://bucket/key/x.py", "/data/s3/bucket/key/x.py"},
      {"s3n://bucket/logs/", "/data/s3/bucket/logs"},
      {"s3a://bucket", "/data/s3/bucket"},
      {"file:///opt/x.sh", "/opt/x.sh"},
      {"/opt/x.sh", "/opt/x.sh"},
      {"relative/x.sh", nullptr},
      {"hdfs:///x", nullptr},
      {"s3://", nullptr},
      {"s3://bucket/../../etc/passwd", nullptr},
      {"file://relative", nullptr},
  };
  for (const auto& c : cases) {
    auto r = m.to_local(c.uri);
    if (c.local) {
      ASSERT_TRUE(r) << c.uri;
      EXPECT_EQ(*r, c.local) << c.uri;
    } else {
      EXPECT_FALSE(r) << c.uri;
    }
  }
}

class StepCommandBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/jobflow-cmd-test-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    config_.data_dir = dir_;
    cluster_.id = "j-1";
    cluster_.region = "us-east-1";
    step_.id = "s-1";
    step_.log_dir = dir_ + "/logs";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  auto build(std::string jar, std::vector<std::string> args, std::string main_class = {}) {
    step_.spec.hadoop_jar_step = {std::move(jar), std::move(main_class), std::move(args), {}};
    return builder_.build(cluster_, step_);
  }
  std::string dir_;
  EmrConfig config_;
  UriMapper uris_{"/unused"};
  StepCommandBuilder builder_{config_, uris_};
  model::Cluster cluster_;
  model::Step step_;
};

TEST_F(StepCommandBuilderTest, ScriptRunnerRunsAMappedS3Script) {
  uris_ = UriMapper(dir_ + "/s3");
  std::filesystem::create_directories(dir_ + "/s3/b");
  std::ofstream(dir_ + "/s3/b/run.sh") << "echo hi\n";
  auto spec = build("s3://us-east-1.elasticmapreduce/libs/script-runner/script-runner.jar", {"s3://b/run.sh", "a1"});
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->argv, (std::vector<std::string>{"/bin/sh", dir_ + "/s3/b/run.sh", "a1"}));
  ::chmod((dir_ + "/s3/b/run.sh").c_str(), 0755);
  spec = build("script-runner.jar", {"s3://b/run.sh"});
  EXPECT_EQ(spec->argv, (std::vector<std::string>{dir_ + "/s3/b/run.sh"}));
  auto missing = build("script-runner.jar", {"s3://b/none.sh"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().reason, "Script not found.");
}

TEST_F(StepCommandBuilderTest, CustomJarRunsWithJavaOrHadoop) {
  const std::string jar = dir_ + "/app.jar";
  std::ofstream(jar) << "PK";
  auto spec = build(jar, {"x"}, "com.example.Main");
  ASSERT_TRUE(spec);
  if (find_program("hadoop").empty()) {
    EXPECT_EQ(spec->argv[0], find_program("java"));
    EXPECT_EQ(std::vector<std::string>(spec->argv.begin() + 1, spec->argv.end()),
              (std::vector<std::string>{"-cp", jar, "com.example.Main", "x"}));
  }
  EXPECT_EQ(build(dir_ + "/missing.jar", {}).error().reason, "JAR not found.");
}

TEST_F(StepCommandBuilderTest, SparkMasterComesFromSparkDefaultsElseTheServer) {
  EXPECT_EQ(builder_.spark_master(cluster_), "local[*]");
  cluster_.spec.configurations = boost::json::array{boost::json::object{
      {"Classification", "spark-defaults"}, {"Properties", boost::json::object{{"spark.master", "spark://m:7077"}}}}};
  EXPECT_EQ(builder_.spark_master(cluster_), "spark://m:7077");
}

TEST_F(StepCommandBuilderTest, SparkSubmitGetsTheMasterWhenSparkIsInstalled) {
  const std::string home = dir_ + "/spark";
  std::filesystem::create_directories(home + "/bin");
  std::ofstream(home + "/bin/spark-submit") << "#!/bin/sh\n";
  ::chmod((home + "/bin/spark-submit").c_str(), 0755);
  ::setenv("SPARK_HOME", home.c_str(), 1);
  auto spec = build("command-runner.jar", {"spark-submit", "job.py"});
  auto explicit_master = build("command-runner.jar", {"spark-submit", "--master", "yarn", "job.py"});
  ::unsetenv("SPARK_HOME");
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->argv, (std::vector<std::string>{home + "/bin/spark-submit", "--master", "local[*]", "job.py"}));
  EXPECT_EQ(explicit_master->argv, (std::vector<std::string>{home + "/bin/spark-submit", "--master", "yarn", "job.py"}));
}

TEST_F(StepCommandBuilderTest, CommandRunnerNeedsAProgram) {
  EXPECT_EQ(build("command-runner.jar", {}).error().reason, "No command given.");
  EXPECT_EQ(build("command-runner.jar", {""}).error().reason, "No command given.");
}

}  // namespace
}  // namespace jobflow::engine
