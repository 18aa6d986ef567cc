#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "engine/livy/livy_config.h"
#include "engine/uri_mapper.h"

namespace jobflow::engine::livy {

// Livy's rules for the paths a request names (`file`, jars, pyFiles, files, archives and the
// file-list conf keys), after Session.resolveURI:
//   - a path without a scheme must be absolute ("requirement failed: Path 'x' is not absolute.")
//     and becomes a file:// URI (Livy prefixes fs.defaultFS, file:/// on a machine without Hadoop);
//   - a local path (no scheme, file:, and - stricter than Livy - local:) must lie under an entry of
//     config.local_dir_allowlist, compared component by component after `.`/`..` are folded
//     ("requirement failed: Local path /x cannot be added to user sessions."). An EMPTY allow-list
//     accepts every absolute local path: jobflow's default (Livy's empty list rejects them all);
//   - s3://, s3a://, s3n:// name jobflow's local buckets (<data_dir>/s3) and become file:// paths;
//   - any other scheme (hdfs:, gs:, http:, ...) is passed to Spark unchanged.
// A '#fragment' (an archive's alias, "x.zip#env") is kept in the URI and ignored by the checks;
// '?' and '%' are taken literally (Livy parses them with java.net.URI).
// Errors are Error::invalid_input("path", <Livy's message>); the HTTP layer adds "Rejected, Reason: ".
class LivyPathPolicy {
 public:
  explicit LivyPathPolicy(const LivyConfig& config);

  // The URI to give spark-submit (local paths normalised: file:///a/b).
  Result<std::string> check(std::string_view path) const;

  // The local file to use when running without Spark: check(), then the filesystem path (fragment
  // dropped). Schemes only Spark/Hadoop can read give Error::unsupported.
  Result<std::string> to_local(std::string_view path) const;

 private:
  Status check_local(std::string_view shown, const std::string& normalized) const;

  const LivyConfig& config_;
  UriMapper s3_;
};

}  // namespace jobflow::engine::livy
