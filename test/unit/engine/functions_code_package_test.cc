#include "engine/functions/code_package.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace jobflow::engine::functions {
namespace {

namespace fs = std::filesystem;

struct Entry {
  std::string name;
  std::string content;
  mode_t mode = 0644;
};

// A zip archive made with libzip, as `zip` would make it on Linux (Unix permission bits kept).
std::string make_zip(const std::vector<Entry>& entries) {
  const std::string path = fs::temp_directory_path() / ("jobflow-zip-" + std::to_string(::getpid()) + ".zip");
  fs::remove(path);
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const auto& e : entries) {
    zip_source_t* src = zip_source_buffer(z, e.content.data(), e.content.size(), 0);
    const zip_int64_t index = zip_file_add(z, e.name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    EXPECT_GE(index, 0) << e.name;
    zip_file_set_external_attributes(z, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                     static_cast<zip_uint32_t>(S_IFREG | e.mode) << 16);
  }
  EXPECT_EQ(zip_close(z), 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  fs::remove(path);
  return bytes.str();
}

class FunctionsCodePackageTest : public ::testing::Test {
 protected:
  FunctionsCodePackageTest() : dir_(fs::temp_directory_path() / ("jobflow-code-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
  }
  ~FunctionsCodePackageTest() override { fs::remove_all(dir_); }
  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

TEST_F(FunctionsCodePackageTest, DigestIsTheBase64Sha256OfTheZip) {
  const std::string zip = make_zip({{"handler.py", "def handler(e, c):\n    return e\n"}});
  auto digest = CodePackage::inspect(zip);
  ASSERT_TRUE(digest) << digest.error().message;
  EXPECT_EQ(digest->size, static_cast<std::int64_t>(zip.size()));
  EXPECT_EQ(digest->sha256_base64.size(), 44u);  // 32 bytes in base64, with one '='
  EXPECT_EQ(digest->sha256_base64.back(), '=');
  EXPECT_EQ(CodePackage::inspect(zip)->sha256_base64, digest->sha256_base64);
}

TEST_F(FunctionsCodePackageTest, DigestOfKnownBytes) {
  // An empty archive (just the end-of-central-directory record): its SHA-256, base64, as
  // `openssl dgst -sha256 -binary | base64` prints it.
  const std::string empty_zip = std::string("PK\x05\x06", 4) + std::string(18, '\0');
  auto digest = CodePackage::inspect(empty_zip);
  ASSERT_TRUE(digest) << digest.error().message;
  EXPECT_EQ(digest->size, 22);
  EXPECT_EQ(digest->sha256_base64, "hznHbmgfkAkjuQDJ3w73XPQh05yrtUZQxLmtGbanbYU=");
}

TEST_F(FunctionsCodePackageTest, ExtractsFilesFoldersAndExecutableBits) {
  const std::string zip = make_zip({{"bootstrap", "#!/bin/sh\necho hi\n", 0755},
                                    {"lib/util.py", "X = 1\n", 0644},
                                    {"handler.py", "import lib.util\n", 0644}});
  ASSERT_TRUE(CodePackage::extract(zip, dir_.string()));
  EXPECT_EQ(read(dir_ / "lib/util.py"), "X = 1\n");
  EXPECT_EQ(read(dir_ / "bootstrap"), "#!/bin/sh\necho hi\n");
  EXPECT_EQ(::access((dir_ / "bootstrap").c_str(), X_OK), 0);
  EXPECT_NE(::access((dir_ / "handler.py").c_str(), X_OK), 0);
  EXPECT_FALSE(fs::exists(dir_.string() + ".partial"));
  // Never over an existing dir: a half-written one is never mistaken for code.
  EXPECT_FALSE(CodePackage::extract(zip, dir_.string()));
}

TEST_F(FunctionsCodePackageTest, RefusesWhatIsNotAZipAndEntriesThatEscape) {
  auto garbage = CodePackage::inspect("definitely not a zip");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(garbage.error().message.starts_with("Could not unzip uploaded file."));
  for (const char* name : {"../evil.py", "a/../../evil.py", "/etc/evil"}) {
    auto escaped = CodePackage::extract(make_zip({{name, "x"}}), dir_.string());
    ASSERT_FALSE(escaped) << name;
    EXPECT_NE(escaped.error().message.find("points outside the archive"), std::string::npos) << name;
    EXPECT_FALSE(fs::exists(dir_));
  }
}

TEST_F(FunctionsCodePackageTest, RefusesCodeAboveLambdasLimits) {
  auto too_big = CodePackage::inspect(std::string(CodePackage::kMaxZippedBytes + 1, 'x'));
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, ErrorCode::kTooLarge);
}

}  // namespace
}  // namespace jobflow::engine::functions
