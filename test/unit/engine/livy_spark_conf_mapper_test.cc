#include "engine/livy/spark_conf_mapper.h"

#include <gtest/gtest.h>

namespace jobflow::engine::livy {
namespace {

class LivySparkConfMapper : public ::testing::Test {
 protected:
  LivySparkConfMapper() { config_.data_dir = "/data"; }
  LivyConfig config_;
};

TEST_F(LivySparkConfMapper, BlacklistUsesLivysKeysAndMessage) {
  SparkConfMapper mapper(config_);
  for (const char* key : {"spark.master", "spark.submit.deployMode", "spark.yarn.jar", "spark.yarn.jars",
                          "spark.yarn.archive", "livy.rsc.server.idle-timeout",
                          "spark.submit.proxyUser.allowCustomClasspathInClusterMode"}) {
    model::LivyJobFields fields;
    fields.conf = {{"spark.x", "1"}, {key, "v"}};
    auto r = mapper.batch_conf(fields, "");
    ASSERT_FALSE(r) << key;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().resource, "conf");
    EXPECT_EQ(r.error().message, std::string("Blacklisted configuration values in session config: ") + key);
  }
  auto two = mapper.check_blacklist({{"spark.yarn.jars", "a"}, {"ok", "1"}, {"spark.master", "yarn"}});
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().message,
            "Blacklisted configuration values in session config: spark.yarn.jars, spark.master");
  EXPECT_TRUE(mapper.check_blacklist({{"spark.yarn.dist.jars", "/a.jar"}, {"spark.executor.memory", "1g"}}));
}

TEST_F(LivySparkConfMapper, BaselineIsTheMaster) {
  SparkConfMapper mapper(config_);
  auto r = mapper.batch_conf({}, "");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (SparkConf{{"spark.master", "local[*]"}}));
  config_.spark_deploy_mode = "client";
  r = mapper.batch_conf({}, "");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (SparkConf{{"spark.master", "local[*]"}, {"spark.submit.deployMode", "client"}}));
}

TEST_F(LivySparkConfMapper, AllFieldsInOrder) {
  SparkConfMapper mapper(config_);
  model::LivyJobFields f;
  f.conf = {{"spark.sql.shuffle.partitions", "4"},
            {"spark.jars", "/c1.jar, /c2.jar"},
            {"spark.driver.memory", "1g"},
            {"spark.yarn.dist.files", "/d1,,/d2"}};
  f.jars = {"/u.jar", ""};
  f.files = {"s3://b/f.txt"};
  f.archives = {"/env.zip#env"};
  f.py_files = {"/dep.zip"};
  f.driver_memory = "2g";
  f.driver_cores = 2;
  f.executor_memory = "3g";
  f.executor_cores = 4;
  f.num_executors = 5;
  f.queue = "q";
  f.name = "n";
  auto r = mapper.batch_conf(f, "tag");
  ASSERT_TRUE(r) << r.error().message;
  const SparkConf expected = {
      {"spark.sql.shuffle.partitions", "4"},
      {"spark.jars", "file:///u.jar,file:///c1.jar,file:///c2.jar"},  // request list, then conf's
      {"spark.driver.memory", "2g"},                                   // the field wins over conf
      {"spark.yarn.dist.files", "file:///d1,file:///d2"},
      {"spark.master", "local[*]"},
      {"spark.files", "file:///data/s3/b/f.txt"},
      {"spark.yarn.dist.archives", "file:///env.zip#env"},
      {"spark.submit.pyFiles", "file:///dep.zip"},
      {"spark.driver.cores", "2"},
      {"spark.executor.memory", "3g"},
      {"spark.executor.cores", "4"},
      {"spark.executor.instances", "5"},
  };
  EXPECT_EQ(*r, expected);  // a batch's name and queue are spark-submit options, not conf
}

TEST_F(LivySparkConfMapper, MergesFileListsAsLivysSessionSpec) {
  SparkConfMapper mapper(config_);
  model::LivyJobFields f;
  for (const char* key : {"spark.jars", "spark.files", "spark.yarn.dist.archives", "spark.submit.pyFiles"})
    f.conf.emplace_back(key, "/file1.txt");
  f.jars = f.files = f.archives = f.py_files = {"/file2.txt"};
  auto r = mapper.batch_conf(f, "");
  ASSERT_TRUE(r);
  for (const char* key : {"spark.jars", "spark.files", "spark.yarn.dist.archives", "spark.submit.pyFiles"})
    EXPECT_EQ(SparkConfMapper::find(*r, key), "file:///file2.txt,file:///file1.txt") << key;
}

TEST_F(LivySparkConfMapper, EmptyConfListIsLeftAlone) {
  SparkConfMapper mapper(config_);
  model::LivyJobFields f;
  f.conf = {{"spark.files", ""}, {"spark.archives", " , "}};
  auto r = mapper.batch_conf(f, "");
  ASSERT_TRUE(r);
  EXPECT_EQ(SparkConfMapper::find(*r, "spark.files"), "");
  EXPECT_EQ(SparkConfMapper::find(*r, "spark.archives"), " , ");
}

TEST_F(LivySparkConfMapper, EveryListIsPathChecked) {
  config_.local_dir_allowlist = {"/allowed"};
  SparkConfMapper mapper(config_);
  for (const char* key : {"spark.jars", "spark.files", "spark.yarn.dist.archives", "spark.submit.pyFiles",
                          "spark.archives", "spark.yarn.dist.files", "spark.yarn.dist.jars"}) {
    model::LivyJobFields f;
    f.conf = {{key, "/allowed/ok file:/not_allowed"}};
    auto r = mapper.batch_conf(f, "");
    ASSERT_FALSE(r) << key;
    EXPECT_EQ(r.error().message, "requirement failed: Local path /not_allowed cannot be added to user sessions.");
  }
  model::LivyJobFields f;
  f.jars = {"/allowed/a.jar"};
  f.py_files = {"relative.py"};
  auto r = mapper.batch_conf(f, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "requirement failed: Path 'relative.py' is not absolute.");
  f.py_files = {"/allowed/x/../../etc/x.py"};
  EXPECT_FALSE(mapper.batch_conf(f, ""));
  f.py_files = {"/allowed/x.py"};
  EXPECT_TRUE(mapper.batch_conf(f, ""));
}

TEST_F(LivySparkConfMapper, YarnTagsAndWaitAppCompletion) {
  config_.spark_master = "yarn";
  SparkConfMapper mapper(config_);
  auto r = mapper.batch_conf({}, "livy-batch-3-abcdefgh");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (SparkConf{{"spark.master", "yarn"},
                           {"spark.yarn.tags", "livy-batch-3-abcdefgh"},
                           {"spark.yarn.submit.waitAppCompletion", "false"}}));
  model::LivyJobFields f;
  f.conf = {{"spark.yarn.tags", "mine,yours"}};
  r = mapper.batch_conf(f, "livy-batch-3-abcdefgh");
  ASSERT_TRUE(r);
  EXPECT_EQ(SparkConfMapper::find(*r, "spark.yarn.tags"), "livy-batch-3-abcdefgh,mine,yours");
  EXPECT_EQ(r->front().first, "spark.yarn.tags");
}

TEST_F(LivySparkConfMapper, KubernetesLabels) {
  config_.spark_master = "k8s://https://kube:6443";
  SparkConfMapper mapper(config_);
  auto r = mapper.batch_conf({}, "livy-batch-1-xyz");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (SparkConf{{"spark.master", "k8s://https://kube:6443"},
                           {"spark.kubernetes.driver.label.spark-app-tag", "livy-batch-1-xyz"},
                           {"spark.kubernetes.executor.label.spark-app-tag", "livy-batch-1-xyz"},
                           {"spark.kubernetes.submission.waitAppCompletion", "false"},
                           {"spark.ui.proxyBase", "/livy-batch-1-xyz"}}));
}

TEST_F(LivySparkConfMapper, SessionNameAndQueue) {
  SparkConfMapper mapper(config_);
  auto r = mapper.session_conf(7, {}, "");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (SparkConf{{"spark.master", "local[*]"}, {"spark.app.name", "livy-session-7"}}));

  model::LivyJobFields f;
  f.conf = {{"spark.app.name", "from-conf"}};
  r = mapper.session_conf(7, f, "");
  ASSERT_TRUE(r);
  EXPECT_EQ(SparkConfMapper::find(*r, "spark.app.name"), "from-conf");

  f.name = "named";
  f.queue = "etl";
  f.executor_cores = 2;
  r = mapper.session_conf(7, f, "");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (SparkConf{{"spark.app.name", "named"},
                           {"spark.master", "local[*]"},
                           {"spark.executor.cores", "2"},
                           {"spark.yarn.queue", "etl"}}));

  auto batch = mapper.batch_conf(f, "");
  ASSERT_TRUE(batch);
  EXPECT_EQ(SparkConfMapper::find(*batch, "spark.yarn.queue"), std::nullopt);
  EXPECT_EQ(SparkConfMapper::find(*batch, "spark.app.name"), "from-conf");

  f.conf = {{"spark.master", "yarn"}};
  auto bad = mapper.session_conf(7, f, "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "Blacklisted configuration values in session config: spark.master");
}

}  // namespace
}  // namespace jobflow::engine::livy
