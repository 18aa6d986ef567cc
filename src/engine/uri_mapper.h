#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace jobflow::engine {

// Maps the URIs clients give EMR (LogUri, script and JAR paths) to local paths:
//   s3://bucket/key, s3n://..., s3a://...  ->  <data-dir>/s3/bucket/key   (the local bucket root)
//   file:///abs/path                       ->  /abs/path
//   /abs/path                              ->  /abs/path
// Anything else (relative paths, other schemes) is an invalid-input error.
class UriMapper {
 public:
  explicit UriMapper(std::string s3_root) : s3_root_(std::move(s3_root)) {}
  Result<std::string> to_local(std::string_view uri) const;
  static bool is_s3(std::string_view uri);
  const std::string& s3_root() const { return s3_root_; }

 private:
  std::string s3_root_;
};

}  // namespace jobflow::engine
