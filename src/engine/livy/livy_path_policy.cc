#include "engine/livy/livy_path_policy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace jobflow::engine::livy {
namespace {

// A path as java.net.URI splits it, as far as Livy's checks need: scheme, the part after it,
// and the fragment.
struct SplitPath {
  std::string_view scheme;  // empty: none
  std::string_view body;    // without scheme and fragment
  std::optional<std::string_view> fragment;
};

SplitPath split(std::string_view path) {
  SplitPath out;
  std::string_view rest = path;
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    out.fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  // RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest[0]))) {
    std::size_t i = 1;
    while (i < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[i])) || rest[i] == '+' ||
                               rest[i] == '-' || rest[i] == '.'))
      ++i;
    if (i < rest.size() && rest[i] == ':') {
      out.scheme = rest.substr(0, i);
      rest = rest.substr(i + 1);
    }
  }
  out.body = rest;
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// The components of an absolute path with "", "." and ".." folded (".." at the root stays there),
// as java.nio.file.Path.normalize does.
std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string_view>& parts) {
  if (parts.empty()) return "/";
  std::string out;
  for (auto p : parts) {
    out += '/';
    out += p;
  }
  return out;
}

std::string with_fragment(std::string uri, const SplitPath& p) {
  if (p.fragment) {
    uri += '#';
    uri += *p.fragment;
  }
  return uri;
}

Error not_absolute(std::string_view shown) {
  return Error::invalid_input("path", fmt::format("requirement failed: Path '{}' is not absolute.", shown));
}

// What check() found, for to_local().
struct Resolved {
  enum class Kind { kLocal, kS3, kRemote } kind;
  std::string uri;    // for spark-submit
  std::string local;  // kLocal, kS3: the filesystem path
};

}  // namespace

LivyPathPolicy::LivyPathPolicy(const LivyConfig& config) : config_(config), s3_(config.s3_root()) {}

Status LivyPathPolicy::check_local(std::string_view shown, const std::string& normalized) const {
  if (config_.local_dir_allowlist.empty()) return {};  // jobflow's default: any local path
  const auto path = components(normalized);
  for (const auto& entry : config_.local_dir_allowlist) {
    if (entry.empty() || entry[0] != '/') continue;  // Livy compares Paths: a relative entry never matches
    const auto root = components(entry);
    if (root.size() <= path.size() && std::equal(root.begin(), root.end(), path.begin())) return {};
  }
  return fail(Error::invalid_input(
      "path", fmt::format("requirement failed: Local path {} cannot be added to user sessions.", shown)));
}

Result<std::string> LivyPathPolicy::check(std::string_view path) const {
  const SplitPath p = split(path);
  if (p.scheme.empty()) {
    // Livy: new URI(fs.defaultFS + path); the message shows the path without its fragment.
    if (!p.body.starts_with('/')) return fail(not_absolute(p.body));
    const std::string normalized = join(components(p.body));
    if (auto ok = check_local(p.body, normalized); !ok) return fail(ok.error());
    return with_fragment("file://" + normalized, p);
  }
  if (iequals(p.scheme, "file") || iequals(p.scheme, "local")) {
    std::string_view body = p.body;
    if (body.starts_with("//")) {  // file://authority/path: the authority plays no part locally
      auto slash = body.find('/', 2);
      body = slash == std::string_view::npos ? std::string_view{} : body.substr(slash);
    }
    if (!body.starts_with('/')) return fail(not_absolute(path));
    const std::string normalized = join(components(body));
    if (auto ok = check_local(body, normalized); !ok) return fail(ok.error());
    return with_fragment(std::string(iequals(p.scheme, "file") ? "file" : "local") + "://" + normalized, p);
  }
  if (UriMapper::is_s3(path)) {
    std::string uri(path.substr(0, path.size() - (p.fragment ? p.fragment->size() + 1 : 0)));
    auto local = s3_.to_local(uri);
    if (!local) return fail(Error::invalid_input("path", local.error().message));
    return with_fragment("file://" + *local, p);
  }
  return std::string(path);  // hdfs:, gs:, http:, ...: Spark's to read
}

Result<std::string> LivyPathPolicy::to_local(std::string_view path) const {
  auto uri = check(path);
  if (!uri) return fail(uri.error());
  const SplitPath p = split(*uri);
  if (iequals(p.scheme, "file") || iequals(p.scheme, "local")) {
    // check() gave scheme:///normalized/path
    return std::string(p.body.substr(2));
  }
  return fail(Error::unsupported(
      "path",
      fmt::format("Path '{}' needs Spark/Hadoop to read its {}: scheme, and Spark is not installed "
                  "here, so jobflow runs the job directly and reads only local paths (/path, file:, "
                  "local:) and s3:// URIs (its local buckets). Install Spark (SPARK_HOME) to use it.",
                  path, split(path).scheme)));
}

}  // namespace jobflow::engine::livy
