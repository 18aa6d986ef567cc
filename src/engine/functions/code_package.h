#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine::functions {

// A function's code as Lambda takes it: a .zip archive (CreateFunction's Code.ZipFile).
struct CodeDigest {
  std::string sha256_base64;  // CodeSha256 as Lambda shows it
  std::int64_t size = 0;      // CodeSize: the zip's bytes
};

// Checks, fingerprints and unpacks function code. Limits are Lambda's: 50 MB zipped (direct
// upload) and 250 MB unzipped. Entries that would land outside the target directory (absolute
// paths, "..") are refused; Unix permission bits stored in the archive are kept, so a `bootstrap`
// zipped as executable stays executable.
class CodePackage {
 public:
  static constexpr std::int64_t kMaxZippedBytes = 50LL * 1024 * 1024;
  static constexpr std::int64_t kMaxUnzippedBytes = 250LL * 1024 * 1024;

  // The zip's digest; an error if it is too large or not a readable zip archive.
  static Result<CodeDigest> inspect(std::string_view zip_bytes);
  // Unpacks into `dir` (created; must not exist yet, so a half-written dir is never reused).
  static Status extract(std::string_view zip_bytes, const std::string& dir);
};

}  // namespace jobflow::engine::functions
