#include "engine/functions/function_service.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/manual_clock.h"
#include "store/memory/memory_store.h"

namespace jobflow::engine::functions {
namespace {

namespace fs = std::filesystem;

std::string zip_of(const std::string& name, const std::string& content) {
  const std::string path = fs::temp_directory_path() / ("jobflow-fn-" + std::to_string(::getpid()) + ".zip");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  zip_file_add(z, name.c_str(), zip_source_buffer(z, content.data(), content.size(), 0), ZIP_FL_OVERWRITE);
  zip_close(z);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  fs::remove(path);
  return bytes.str();
}

class FunctionsServiceTest : public ::testing::Test {
 protected:
  FunctionsServiceTest() : dir_(fs::temp_directory_path() / ("jobflow-fns-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
  }
  ~FunctionsServiceTest() override { fs::remove_all(dir_); }
  std::unique_ptr<FunctionService> open() {
    auto service = std::make_unique<FunctionService>(store_, clock_, dir_.string(), (dir_ / "s3").string());
    EXPECT_TRUE(service->recover());
    return service;
  }
  static model::CreateFunctionRequest request(std::string name) {
    model::CreateFunctionRequest r;
    r.function_name = std::move(name);
    r.handler = "app.handler";
    r.role = "arn:aws:iam::123456789012:role/r";
    r.code.zip_file = zip_of("app.py", "def handler(e, c):\n    return e\n");
    return r;
  }
  fs::path dir_;
  ManualClock clock_;
  store::MemoryStore store_;
  CallerScope scope_{"eu-west-1", "123456789012"};
};

TEST_F(FunctionsServiceTest, CreatedFunctionsAreActiveWithTheirCodeUnpackedAndSurviveARestart) {
  auto service = open();
  auto created = service->create(request("echo"), scope_);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->function_arn, "arn:aws:lambda:eu-west-1:123456789012:function:echo");
  EXPECT_EQ(created->state, model::FunctionState::kActive);
  EXPECT_TRUE(fs::exists(service->code_dir(*created) + "/app.py"));
  EXPECT_TRUE(fs::exists(service->code_dir(*created) + ".zip"));
  auto restarted = open();
  auto again = restarted->get("echo", scope_);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->code_sha256, created->code_sha256);
  EXPECT_EQ(again->revision_id, created->revision_id);
}

TEST_F(FunctionsServiceTest, DuplicatesAndUnknownNamesAreRefusedWithLambdasTexts) {
  auto service = open();
  ASSERT_TRUE(service->create(request("echo"), scope_));
  auto duplicate = service->create(request("echo"), scope_);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(duplicate.error().message, "Function already exist: echo");
  auto missing = service->get("nobody", scope_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nobody");
  auto bad = request("bad");
  bad.code.zip_file = "not a zip";
  EXPECT_FALSE(service->create(bad, scope_));
  EXPECT_FALSE(service->get("bad", scope_));
}

TEST_F(FunctionsServiceTest, UpdatesChangeOnlyWhatIsNamedAndListsPageByName) {
  auto service = open();
  for (const char* name : {"c", "a", "b"}) ASSERT_TRUE(service->create(request(name), scope_));
  model::UpdateFunctionConfigurationRequest change;
  change.function_name = "a";
  change.timeout = 7200;
  auto updated = service->update_configuration(change, scope_);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->timeout, 7200);
  EXPECT_EQ(updated->handler, "app.handler");
  model::UpdateFunctionCodeRequest code;
  code.function_name = "a";
  code.revision_id = "stale";
  code.code.zip_file = zip_of("app.py", "x = 2\n");
  EXPECT_FALSE(service->update_code(code, scope_));
  code.revision_id = updated->revision_id;
  auto recoded = service->update_code(code, scope_);
  ASSERT_TRUE(recoded);
  EXPECT_NE(recoded->code_sha256, updated->code_sha256);
  auto first = service->list("", 2);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].function_name, "a");
  ASSERT_TRUE(first->next_marker);
  auto second = service->list(*first->next_marker, 2);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].function_name, "c");
  EXPECT_FALSE(second->next_marker);
  ASSERT_TRUE(service->remove("b", scope_));
  EXPECT_FALSE(service->get("b", scope_));
  EXPECT_FALSE(open()->get("b", scope_));
}

}  // namespace
}  // namespace jobflow::engine::functions
