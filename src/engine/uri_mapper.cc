#include "engine/uri_mapper.h"

#include <fmt/format.h>

namespace jobflow::engine {

bool UriMapper::is_s3(std::string_view uri) {
  return uri.starts_with("s3://") || uri.starts_with("s3n://") || uri.starts_with("s3a://");
}

Result<std::string> UriMapper::to_local(std::string_view uri) const {
  if (is_s3(uri)) {
    std::string_view rest = uri.substr(uri.find("://") + 3);
    while (rest.ends_with('/')) rest.remove_suffix(1);
    if (rest.empty() || rest.find("..") != std::string_view::npos)
      return fail(Error::invalid_input("uri", fmt::format("'{}' is not a valid S3 URI.", uri)));
    return s3_root_ + "/" + std::string(rest);
  }
  if (uri.starts_with("file://")) {
    std::string_view path = uri.substr(7);
    if (!path.starts_with('/'))
      return fail(Error::invalid_input("uri", fmt::format("'{}' is not an absolute file URI.", uri)));
    return std::string(path);
  }
  if (uri.starts_with('/')) return std::string(uri);
  return fail(Error::invalid_input(
      "uri", fmt::format("'{}' is neither an s3:// URI, a file:// URI nor an absolute path.", uri)));
}

}  // namespace jobflow::engine
