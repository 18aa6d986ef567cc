#include "engine/livy/batch_command_builder.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <functional>

namespace jobflow::engine::livy {
namespace {

using Argv = std::vector<std::string>;
constexpr const char* kSparkSubmit = "/opt/spark/bin/spark-submit";

model::BatchRequest request(std::string file, std::function<void(model::BatchRequest&)> edit = {}) {
  model::BatchRequest r;
  r.file = std::move(file);
  if (edit) edit(r);
  return r;
}

// Sets or unsets PYTHONPATH for one test, restoring it afterwards.
class ScopedPythonPath {
 public:
  explicit ScopedPythonPath(const char* value) {
    if (const char* old = std::getenv("PYTHONPATH")) old_ = old;
    value ? ::setenv("PYTHONPATH", value, 1) : ::unsetenv("PYTHONPATH");
  }
  ~ScopedPythonPath() { old_ ? ::setenv("PYTHONPATH", old_->c_str(), 1) : ::unsetenv("PYTHONPATH"); }

 private:
  std::optional<std::string> old_;
};

class LivyBatchCommandBuilder : public ::testing::Test {
 protected:
  LivyBatchCommandBuilder() { config_.data_dir = "/data"; }
  BatchCommandBuilder builder() const {
    return BatchCommandBuilder(config_, [] { return std::string("AbCd3fGh"); });
  }
  LivyConfig config_;
};

struct SparkCase {
  const char* what;
  std::function<void(LivyConfig&)> configure;
  model::BatchRequest request;
  Argv argv;  // after spark-submit
};

TEST_F(LivyBatchCommandBuilder, SparkSubmitCommandLines) {
  const SparkCase cases[] = {
      {"minimal", {}, request("/jobs/app.py"), {"--conf", "spark.master=local[*]", "file:///jobs/app.py"}},
      {"every field, in Livy's order",
       {},
       request("/jobs/app.jar",
               [](auto& r) {
                 r.class_name = "com.example.Main";
                 r.args = {"a b", "--x"};
                 auto& f = r.fields;
                 f.name = "nightly";
                 f.conf = {{"spark.sql.shuffle.partitions", "4"}, {"spark.submit.pyFiles", "/c.zip"}};
                 f.jars = {"/j/a.jar"};
                 f.py_files = {"/p/dep.zip"};
                 f.files = {"s3://b/f.txt"};
                 f.archives = {"/env.zip#env"};
                 f.driver_memory = "2g";
                 f.driver_cores = 1;
                 f.executor_memory = "3g";
                 f.executor_cores = 2;
                 f.num_executors = 3;
                 f.queue = "etl";
                 f.proxy_user = "alice";  // impersonation is off: not passed
               }),
       {"--name", "nightly", "--class", "com.example.Main",
        "--conf", "spark.sql.shuffle.partitions=4",
        "--py-files", "file:///p/dep.zip,file:///c.zip",
        "--conf", "spark.master=local[*]",
        "--conf", "spark.jars=file:///j/a.jar",
        "--conf", "spark.files=file:///data/s3/b/f.txt",
        "--conf", "spark.yarn.dist.archives=file:///env.zip#env",
        "--conf", "spark.driver.memory=2g",
        "--conf", "spark.driver.cores=1",
        "--conf", "spark.executor.memory=3g",
        "--conf", "spark.executor.cores=2",
        "--conf", "spark.executor.instances=3",
        "--queue", "etl",
        "file:///jobs/app.jar", "a b", "--x"}},
      {"yarn cluster with impersonation",
       [](LivyConfig& c) {
         c.spark_master = "yarn";
         c.spark_deploy_mode = "cluster";
         c.impersonation = true;
       },
       request("hdfs:///jobs/app.py", [](auto& r) { r.fields.proxy_user = "alice"; }),
       {"--conf", "spark.master=yarn",
        "--conf", "spark.submit.deployMode=cluster",
        "--conf", "spark.yarn.tags=livy-batch-3-abcd3fgh",
        "--conf", "spark.yarn.submit.waitAppCompletion=false",
        "--proxy-user", "alice",
        "hdfs:///jobs/app.py"}},
      {"kubernetes",
       [](LivyConfig& c) { c.spark_master = "k8s://https://kube:6443"; },
       request("local:///opt/app.py"),
       {"--conf", "spark.master=k8s://https://kube:6443",
        "--conf", "spark.kubernetes.driver.label.spark-app-tag=livy-batch-3-abcd3fgh",
        "--conf", "spark.kubernetes.executor.label.spark-app-tag=livy-batch-3-abcd3fgh",
        "--conf", "spark.kubernetes.submission.waitAppCompletion=false",
        "--conf", "spark.ui.proxyBase=/livy-batch-3-abcd3fgh",
        "local:///opt/app.py"}},
      {"standalone master, s3 file",
       [](LivyConfig& c) { c.spark_master = "spark://m:7077"; },
       request("s3://bucket/jobs/app.py", [](auto& r) { r.args = {"1"}; }),
       {"--conf", "spark.master=spark://m:7077", "file:///data/s3/bucket/jobs/app.py", "1"}},
  };
  for (const auto& c : cases) {
    LivyConfig config;
    config.data_dir = "/data";
    config.spark_submit = kSparkSubmit;
    if (c.configure) c.configure(config);
    BatchCommandBuilder b(config, [] { return std::string("AbCd3fGh"); });
    auto r = b.build(3, c.request);
    ASSERT_TRUE(r) << c.what << ": " << r.error().message;
    Argv expected = {kSparkSubmit};
    expected.insert(expected.end(), c.argv.begin(), c.argv.end());
    EXPECT_EQ(r->spec.argv, expected) << c.what;
    EXPECT_TRUE(r->spec.env.empty()) << c.what;
    ASSERT_FALSE(r->notes.empty()) << c.what;
    EXPECT_EQ(r->notes[0], "jobflow: running " + BatchCommandBuilder::shell_join(expected)) << c.what;
  }
}

TEST_F(LivyBatchCommandBuilder, ProxyUserNoteWhenImpersonationIsOff) {
  config_.spark_submit = kSparkSubmit;
  auto r = builder().build(0, request("/a.py", [](auto& r) { r.fields.proxy_user = "bob"; }));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->notes.size(), 2u);
  EXPECT_EQ(r->notes[1],
            "jobflow: proxyUser=bob recorded but not applied: impersonation is off (livy.impersonation.enabled)");
  EXPECT_EQ(r->notes[0], "jobflow: running /opt/spark/bin/spark-submit --conf 'spark.master=local[*]' file:///a.py");
}

TEST_F(LivyBatchCommandBuilder, ValidationErrorsInLivysOrder) {
  config_.local_dir_allowlist = {"/allowed"};
  struct ErrorCase {
    model::BatchRequest request;
    ErrorCode code;
    const char* resource;
    const char* message;
  };
  const ErrorCase cases[] = {
      {request(""), ErrorCode::kInvalidInput, "batch", "requirement failed: File is required."},
      // prepareConf runs before the file check.
      {request("", [](auto& r) { r.fields.conf = {{"spark.master", "yarn"}}; }), ErrorCode::kInvalidInput, "conf",
       "Blacklisted configuration values in session config: spark.master"},
      {request("", [](auto& r) { r.fields.jars = {"/etc/x.jar"}; }), ErrorCode::kInvalidInput, "path",
       "requirement failed: Local path /etc/x.jar cannot be added to user sessions."},
      {request("app.py"), ErrorCode::kInvalidInput, "path", "requirement failed: Path 'app.py' is not absolute."},
      {request("/allowed/../app.py"), ErrorCode::kInvalidInput, "path",
       "requirement failed: Local path /allowed/../app.py cannot be added to user sessions."},
      // Without Spark, a file only Spark can read.
      {request("hdfs:///app.py"), ErrorCode::kUnsupported, "path", nullptr},
      {request("/allowed/app.jar",
               [](auto& r) {
                 r.class_name = "Main";
                 r.fields.jars = {"gs://b/dep.jar"};
               }),
       ErrorCode::kUnsupported, "path", nullptr},
      {request("/allowed/app.py", [](auto& r) { r.fields.py_files = {"hdfs:///dep.zip"}; }), ErrorCode::kUnsupported,
       "path", nullptr},
  };
  for (const auto& c : cases) {
    auto r = builder().build(1, c.request);
    ASSERT_FALSE(r) << c.request.file;
    EXPECT_EQ(r.error().code, c.code) << c.request.file << ": " << r.error().message;
    EXPECT_EQ(r.error().resource, c.resource) << c.request.file;
    if (c.message) {
      EXPECT_EQ(r.error().message, c.message);
    }
  }
  // With Spark, remote paths are Spark's business.
  config_.spark_submit = kSparkSubmit;
  EXPECT_TRUE(builder().build(1, request("hdfs:///app.py")));
}

struct LocalCase {
  const char* what;
  model::BatchRequest request;
  Argv argv;
  std::vector<std::string> notes;
};

TEST_F(LivyBatchCommandBuilder, WithoutSparkRunsTheFileDirectly) {
  ScopedPythonPath no_python_path(nullptr);
  const std::string spark_missing = "jobflow: Spark is not installed (SPARK_HOME unset, no spark-submit on PATH): ";
  const LocalCase cases[] = {
      {"python", request("/jobs/app.py", [](auto& r) { r.args = {"a", "b c"}; }),
       {"python3", "/jobs/app.py", "a", "b c"},
       {spark_missing + "running python3 /jobs/app.py a 'b c'"}},
      {"python from s3", request("s3://bkt/app.py"), {"python3", "/data/s3/bkt/app.py"},
       {spark_missing + "running python3 /data/s3/bkt/app.py"}},
      {"java with className",
       request("/jobs/app.jar",
               [](auto& r) {
                 r.class_name = "com.example.Main";
                 r.args = {"x"};
                 r.fields.jars = {"/j/a.jar", "s3://b/c.jar"};
                 r.fields.conf = {{"spark.jars", "/j/d.jar"}};
                 r.fields.driver_memory = "2g";
               }),
       {"java", "-Xmx2g", "-cp", "/jobs/app.jar:/j/a.jar:/data/s3/b/c.jar:/j/d.jar", "com.example.Main", "x"},
       {spark_missing + "running java -Xmx2g -cp /jobs/app.jar:/j/a.jar:/data/s3/b/c.jar:/j/d.jar com.example.Main x"}},
      {"java -jar cannot take jars",
       request("/jobs/app.jar",
               [](auto& r) {
                 r.fields.jars = {"/j/a.jar"};
                 r.fields.driver_memory = "512";
               }),
       {"java", "-Xmx512m", "-jar", "/jobs/app.jar"},
       {spark_missing + "running java -Xmx512m -jar /jobs/app.jar",
        "jobflow: not applied without Spark: jars=/j/a.jar (java -jar uses the JAR's own class path; give "
        "className to add jars)"}},
      {"executable",
       request("file:///jobs/run.sh",
               [](auto& r) {
                 r.class_name = "Ignored";
                 r.args = {"--it's"};
               }),
       {"/jobs/run.sh", "--it's"},
       {spark_missing + "running /jobs/run.sh '--it'\\''s'", "jobflow: not applied without Spark: className=Ignored"}},
      {"everything Spark-only is named",
       request("/jobs/app.py",
               [](auto& r) {
                 auto& f = r.fields;
                 f.jars = {"/j/a.jar"};
                 f.files = {"/f.txt", "/g.txt"};
                 f.archives = {"/env.zip#env"};
                 f.driver_memory = "1g";
                 f.driver_cores = 2;
                 f.executor_memory = "2g";
                 f.executor_cores = 3;
                 f.num_executors = 4;
                 f.queue = "q";
                 f.proxy_user = "alice";
                 f.name = "n";
                 f.conf = {{"spark.x", "y"}, {"spark.executor.memoryOverhead", "1g"}};
               }),
       {"python3", "/jobs/app.py"},
       {spark_missing + "running python3 /jobs/app.py",
        "jobflow: not applied without Spark: jars=/j/a.jar, files=/f.txt,/g.txt, archives=/env.zip#env, "
        "driverMemory=1g, driverCores=2, executorMemory=2g, executorCores=3, numExecutors=4, queue=q, "
        "proxyUser=alice (recorded only), conf spark.x=y, conf spark.executor.memoryOverhead=1g"}},
  };
  for (const auto& c : cases) {
    auto r = builder().build(0, c.request);
    ASSERT_TRUE(r) << c.what << ": " << r.error().message;
    EXPECT_EQ(r->spec.argv, c.argv) << c.what;
    EXPECT_EQ(r->notes, c.notes) << c.what;
  }
}

TEST_F(LivyBatchCommandBuilder, PythonPathFromPyFiles) {
  auto req = request("/jobs/app.py", [](auto& r) {
    r.fields.py_files = {"/p/dep.zip", "/p/mod.py", "/p/other.py", "s3://b/lib.zip"};
    r.fields.conf = {{"spark.submit.pyFiles", "/q/extra.egg"}};
  });
  {
    ScopedPythonPath none(nullptr);
    auto r = builder().build(0, req);
    ASSERT_TRUE(r) << r.error().message;
    using Env = std::vector<std::pair<std::string, std::string>>;
    EXPECT_EQ(r->spec.env, (Env{{"PYTHONPATH", "/p/dep.zip:/p:/data/s3/b/lib.zip:/q/extra.egg"}}));
    ASSERT_EQ(r->notes.size(), 1u);  // pyFiles and the conf key are applied
    EXPECT_NE(r->notes[0].find("running PYTHONPATH=/p/dep.zip:/p:/data/s3/b/lib.zip:/q/extra.egg python3 /jobs/app.py"),
              std::string::npos)
        << r->notes[0];
  }
  {
    ScopedPythonPath existing("/srv/lib");
    auto r = builder().build(0, req);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->spec.env.size(), 1u);
    EXPECT_EQ(r->spec.env[0].second, "/p/dep.zip:/p:/data/s3/b/lib.zip:/q/extra.egg:/srv/lib");
    EXPECT_NE(r->notes[0].find("PYTHONPATH=/p/dep.zip:/p:/data/s3/b/lib.zip:/q/extra.egg:\"$PYTHONPATH\" python3"),
              std::string::npos)
        << r->notes[0];
  }
  {
    ScopedPythonPath none(nullptr);
    auto r = builder().build(0, request("/jobs/app.py"));
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->spec.env.empty());
  }
}

TEST_F(LivyBatchCommandBuilder, NoteNamesSparkHome) {
  config_.spark_home = "/opt/spark";
  auto r = builder().build(0, request("/a.py"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->notes[0], "jobflow: Spark is not installed (no spark-submit in /opt/spark/bin or on PATH): running python3 /a.py");
}

TEST_F(LivyBatchCommandBuilder, BadDriverMemoryForJavaIsNoted) {
  auto r = builder().build(0, request("/a.jar", [](auto& r) {
    r.class_name = "M";
    r.fields.driver_memory = "lots";
  }));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->spec.argv, (Argv{"java", "-cp", "/a.jar", "M"}));
  ASSERT_EQ(r->notes.size(), 2u);
  EXPECT_EQ(r->notes[1], "jobflow: not applied without Spark: driverMemory=lots (not a size such as 512m or 2g)");
}

TEST_F(LivyBatchCommandBuilder, RandomTagsAreLowercaseAlphanumeric) {
  config_.spark_submit = kSparkSubmit;
  config_.spark_master = "yarn-cluster";
  BatchCommandBuilder b(config_);
  auto r = b.build(12, request("/a.py"));
  ASSERT_TRUE(r);
  std::string tag;
  for (const auto& a : r->spec.argv)
    if (a.starts_with("spark.yarn.tags=")) tag = a.substr(16);
  ASSERT_EQ(tag.size(), std::string("livy-batch-12-").size() + 8) << tag;
  EXPECT_TRUE(tag.starts_with("livy-batch-12-"));
  for (char c : tag.substr(14)) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) << tag;
}

TEST(LivyJavaHeapOption, LivyMemoryStrings) {
  const std::pair<const char*, std::optional<std::string>> cases[] = {
      {"512m", "-Xmx512m"}, {"2g", "-Xmx2g"},   {"1024k", "-Xmx1024k"}, {"1t", "-Xmx1t"},
      {"2gb", "-Xmx2g"},    {"2G", "-Xmx2g"},   {"512MB", "-Xmx512m"},  {"100", "-Xmx100m"},
      {" 3g ", "-Xmx3g"},   {"4096b", "-Xmx4096"}, {"1p", "-Xmx1024t"}, {"8kb", "-Xmx8k"},
      {"", std::nullopt},   {"abc", std::nullopt}, {"1.5g", std::nullopt}, {"2x", std::nullopt},
      {"-1g", std::nullopt}, {"g", std::nullopt}, {"99999999999999999999g", std::nullopt},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(BatchCommandBuilder::java_heap_option(in), out) << in;
}

TEST(LivyShellJoin, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(BatchCommandBuilder::shell_join({"python3", "/a/b.py", "x=1,y:2", "-v", "a@b%c+d"}),
            "python3 /a/b.py x=1,y:2 -v a@b%c+d");
  EXPECT_EQ(BatchCommandBuilder::shell_join({"a b", "", "it's", "$HOME", "*", "local[*]"}),
            "'a b' '' 'it'\\''s' '$HOME' '*' 'local[*]'");
}

}  // namespace
}  // namespace jobflow::engine::livy
