#include "engine/livy/livy_path_policy.h"

#include <gtest/gtest.h>

namespace jobflow::engine::livy {
namespace {

struct PathCase {
  const char* path;
  const char* uri;    // check(): nullptr when rejected
  const char* error;  // the message when rejected
};

void run(const LivyPathPolicy& policy, const std::vector<PathCase>& cases) {
  for (const auto& c : cases) {
    auto r = policy.check(c.path);
    if (c.uri) {
      ASSERT_TRUE(r) << c.path << ": " << r.error().message;
      EXPECT_EQ(*r, c.uri) << c.path;
    } else {
      ASSERT_FALSE(r) << c.path << " gave " << *r;
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << c.path;
      EXPECT_EQ(r.error().resource, "path") << c.path;
      if (c.error) {
        EXPECT_EQ(r.error().message, c.error) << c.path;
      }
    }
  }
}

TEST(LivyPathPolicy, EmptyAllowListAcceptsAnyAbsolutePath) {
  LivyConfig config;
  config.data_dir = "/data";
  LivyPathPolicy policy(config);
  run(policy, {
      {"/x/app.py", "file:///x/app.py", nullptr},
      {"/x/./y//../app.py", "file:///x/app.py", nullptr},
      {"/../etc/passwd", "file:///etc/passwd", nullptr},
      {"/foo#bar", "file:///foo#bar", nullptr},  // Livy keeps the fragment (SessionSpec)
      {"file:///x/a.jar", "file:///x/a.jar", nullptr},
      {"file:/x/a.jar", "file:///x/a.jar", nullptr},
      {"file://localhost/x/a.jar", "file:///x/a.jar", nullptr},
      {"local:/opt/a.jar", "local:///opt/a.jar", nullptr},
      {"s3://bucket/k/app.py", "file:///data/s3/bucket/k/app.py", nullptr},
      {"s3a://bucket/env.zip#env", "file:///data/s3/bucket/env.zip#env", nullptr},
      {"s3n://bucket/k", "file:///data/s3/bucket/k", nullptr},
      {"hdfs:///user/x.jar", "hdfs:///user/x.jar", nullptr},
      {"hdfs:/bar", "hdfs:/bar", nullptr},
      {"http://example.com/foo", "http://example.com/foo", nullptr},
      {"gs://b/x.py", "gs://b/x.py", nullptr},
      {"relative.py", nullptr, "requirement failed: Path 'relative.py' is not absolute."},
      {"dir/x.py#alias", nullptr, "requirement failed: Path 'dir/x.py' is not absolute."},
      {"./x.py", nullptr, "requirement failed: Path './x.py' is not absolute."},
      {"", nullptr, "requirement failed: Path '' is not absolute."},
      {"file:relative", nullptr, "requirement failed: Path 'file:relative' is not absolute."},
      {"s3://", nullptr, nullptr},
      {"s3://bucket/../../etc/passwd", nullptr, nullptr},
  });
}

TEST(LivyPathPolicy, AllowListAsLivysSessionSpec) {
  LivyConfig config;
  config.data_dir = "/data";
  config.local_dir_allowlist = {"/allowed/", "/also_allowed"};
  LivyPathPolicy policy(config);
  run(policy, {
      {"/allowed/file", "file:///allowed/file", nullptr},
      {"/also_allowed/file", "file:///also_allowed/file", nullptr},
      {"/allowed", "file:///allowed", nullptr},
      {"file:///allowed/x.jar", "file:///allowed/x.jar", nullptr},
      {"/allowed/a/../b", "file:///allowed/b", nullptr},
      {"/not_allowed", nullptr, "requirement failed: Local path /not_allowed cannot be added to user sessions."},
      {"/allowed_not_really", nullptr,
       "requirement failed: Local path /allowed_not_really cannot be added to user sessions."},
      {"/allowed/../file", nullptr, "requirement failed: Local path /allowed/../file cannot be added to user sessions."},
      {"/allowed/../etc/passwd", nullptr,
       "requirement failed: Local path /allowed/../etc/passwd cannot be added to user sessions."},
      {"file:/not_allowed", nullptr, "requirement failed: Local path /not_allowed cannot be added to user sessions."},
      {"local:/etc/x.jar", nullptr, "requirement failed: Local path /etc/x.jar cannot be added to user sessions."},
      {"/", nullptr, "requirement failed: Local path / cannot be added to user sessions."},
      // Not local: the allow-list does not apply.
      {"s3://b/k.py", "file:///data/s3/b/k.py", nullptr},
      {"hdfs:///x", "hdfs:///x", nullptr},
  });
}

TEST(LivyPathPolicy, RootAndRelativeAllowListEntries) {
  LivyConfig config;
  config.local_dir_allowlist = {"relative/dir", "/"};
  LivyPathPolicy root(config);
  run(root, {{"/anything/at/all", "file:///anything/at/all", nullptr}});
  config.local_dir_allowlist = {"relative/dir"};
  LivyPathPolicy relative(config);
  run(relative, {{"/relative/dir/x", nullptr, nullptr}});
}

TEST(LivyPathPolicy, ToLocalGivesFilesystemPaths) {
  LivyConfig config;
  config.data_dir = "/data";
  LivyPathPolicy policy(config);
  const std::pair<const char*, const char*> cases[] = {
      {"/x/app.py", "/x/app.py"},
      {"/x/../y/app.py", "/y/app.py"},
      {"file:///x/a.jar", "/x/a.jar"},
      {"file:/x/a.jar", "/x/a.jar"},
      {"local:/opt/a.jar", "/opt/a.jar"},
      {"s3://bucket/k/app.py", "/data/s3/bucket/k/app.py"},
      {"s3a://bucket/env.zip#env", "/data/s3/bucket/env.zip"},
      {"/x/env.zip#env", "/x/env.zip"},
  };
  for (const auto& [path, local] : cases) {
    auto r = policy.to_local(path);
    ASSERT_TRUE(r) << path << ": " << r.error().message;
    EXPECT_EQ(*r, local) << path;
  }
}

TEST(LivyPathPolicy, ToLocalRejectsWhatOnlySparkCanRead) {
  LivyConfig config;
  config.data_dir = "/data";
  LivyPathPolicy policy(config);
  for (const char* path : {"hdfs:///user/x.jar", "gs://b/x.py", "https://example.com/x.py", "abfss://c@a/x"}) {
    auto r = policy.to_local(path);
    ASSERT_FALSE(r) << path;
    EXPECT_EQ(r.error().code, ErrorCode::kUnsupported) << path;
    EXPECT_NE(r.error().message.find(path), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("Spark"), std::string::npos) << r.error().message;
  }
  auto relative = policy.to_local("x.py");
  ASSERT_FALSE(relative);
  EXPECT_EQ(relative.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(relative.error().message, "requirement failed: Path 'x.py' is not absolute.");

  config.local_dir_allowlist = {"/allowed"};
  LivyPathPolicy strict(config);
  auto outside = strict.to_local("/allowed/../etc/passwd");
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace jobflow::engine::livy
