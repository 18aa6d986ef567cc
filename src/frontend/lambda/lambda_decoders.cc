#include "frontend/lambda/lambda_decoders.h"

#include "base/json_parse.h"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <regex>

#include "base/json_string.h"
#include "frontend/livy/jackson_parser.h"

namespace jobflow::frontend::lambda {
namespace json = boost::json;
namespace {

// Patterns exactly as AWS prints them in its messages (recorded 2026, README).
constexpr std::string_view kFunctionNamePattern =
    R"((arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?)";
constexpr std::string_view kNamespacedFunctionNamePattern =
    R"((arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?)";
constexpr std::string_view kRolePattern = R"(arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+)";
constexpr std::string_view kHandlerPattern = R"([^\s]+)";
constexpr std::string_view kEnvKeyPattern = R"([a-zA-Z]([a-zA-Z0-9_])+)";
constexpr std::string_view kLogGroupPattern = R"([\.\-_/#A-Za-z0-9]+)";
constexpr std::string_view kS3BucketPattern = R"([0-9A-Za-z\.\-_]*(?<!\.))";

// AWS's runtime list, in the order its error message prints it (recorded 2026-01-12).
constexpr std::string_view kAwsRuntimes =
    "nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java25, "
    "python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, "
    "dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2";

const std::regex& regex_for(std::string_view pattern) {
  // std::regex has no lookbehind: the S3 bucket's "(?<!\.)" is checked by hand.
  static const std::regex name{std::string(kFunctionNamePattern)};
  static const std::regex namespaced{std::string(kNamespacedFunctionNamePattern)};
  static const std::regex role{std::string(kRolePattern)};
  static const std::regex handler{std::string(kHandlerPattern)};
  static const std::regex env_key{std::string(kEnvKeyPattern)};
  static const std::regex log_group{std::string(kLogGroupPattern)};
  static const std::regex bucket{R"([0-9A-Za-z\.\-_]*)"};
  if (pattern == kFunctionNamePattern) return name;
  if (pattern == kNamespacedFunctionNamePattern) return namespaced;
  if (pattern == kRolePattern) return role;
  if (pattern == kHandlerPattern) return handler;
  if (pattern == kEnvKeyPattern) return env_key;
  if (pattern == kLogGroupPattern) return log_group;
  return bucket;
}

bool matches(std::string_view value, std::string_view pattern) {
  const std::string s(value);
  if (!std::regex_match(s, regex_for(pattern))) return false;
  return pattern != kS3BucketPattern || s.empty() || s.back() != '.';
}

Error invalid_parameter(std::string resource, std::string message) {
  return Error::invalid_input(std::move(resource), std::move(message));
}

Error bad_body(std::string message) {
  return Error::invalid_input("body", "Could not parse request body into json: " + std::move(message));
}

// Coral's "N validation error(s) detected" list.
class Violations {
 public:
  void add(std::string_view member, std::optional<std::string_view> value, std::string_view constraint) {
    items_.push_back(fmt::format("Value {} at '{}' failed to satisfy constraint: {}",
                                 value ? fmt::format("'{}'", *value) : std::string("null"), member, constraint));
  }
  void length(std::string_view member, std::string_view value, std::size_t min, std::size_t max) {
    if (value.size() > max)
      add(member, value, fmt::format("Member must have length less than or equal to {}", max));
    else if (value.size() < min)
      add(member, value, fmt::format("Member must have length greater than or equal to {}", min));
  }
  void pattern(std::string_view member, std::string_view value, std::string_view pattern) {
    if (!matches(value, pattern))
      add(member, value, fmt::format("Member must satisfy regular expression pattern: {}", pattern));
  }
  void range(std::string_view member, std::int64_t value, std::optional<std::int64_t> min,
             std::optional<std::int64_t> max) {
    const auto text = std::to_string(value);
    if (max && value > *max)
      add(member, text, fmt::format("Member must have value less than or equal to {}", *max));
    else if (min && value < *min)
      add(member, text, fmt::format("Member must have value greater than or equal to {}", *min));
  }
  void required(std::string_view member) { add(member, std::nullopt, "Member must not be null"); }

  bool empty() const { return items_.empty(); }
  Error error() const {
    std::string text = fmt::format("{} validation error{} detected: ", items_.size(), items_.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < items_.size(); ++i) text += (i ? "; " : "") + items_[i];
    return Error::invalid_input("request", std::move(text));
  }

 private:
  std::vector<std::string> items_;
};

// Reads members of a request body with their model types; a wrong JSON type is the first error.
class Reader {
 public:
  explicit Reader(const json::object& o) : o_(o) {}

  const json::value* get(std::string_view name) const {
    const auto* v = o_.if_contains(name);
    return v && !v->is_null() ? v : nullptr;
  }
  std::optional<std::string> string(std::string_view name) {
    const auto* v = get(name);
    if (!v) return std::nullopt;
    if (!v->is_string()) return wrong(name, "a string");
    return std::string(v->as_string());
  }
  std::optional<std::int64_t> integer(std::string_view name) {
    const auto* v = get(name);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64()) return v->as_uint64() > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX
                                                                                      : static_cast<std::int64_t>(v->as_uint64());
    return wrong(name, "an integer");
  }
  std::optional<bool> boolean(std::string_view name) {
    const auto* v = get(name);
    if (!v) return std::nullopt;
    if (!v->is_bool()) return wrong(name, "a boolean");
    return v->as_bool();
  }
  const json::object* object(std::string_view name) {
    const auto* v = get(name);
    if (!v) return nullptr;
    if (!v->is_object()) {
      wrong(name, "an object");
      return nullptr;
    }
    return &v->as_object();
  }
  std::optional<std::vector<std::string>> strings(std::string_view name) {
    const auto* v = get(name);
    if (!v) return std::nullopt;
    if (!v->is_array()) return wrong(name, "a list of strings");
    std::vector<std::string> out;
    for (const auto& e : v->as_array()) {
      if (!e.is_string()) return wrong(name, "a list of strings");
      out.emplace_back(e.as_string());
    }
    return out;
  }
  // A map of strings, in request order.
  std::optional<std::vector<std::pair<std::string, std::string>>> string_map(std::string_view name) {
    const auto* m = object(name);
    if (!m) return std::nullopt;
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : *m) {
      if (!v.is_string()) return wrong(name, "a map of strings");
      out.emplace_back(std::string(k), std::string(v.as_string()));
    }
    return out;
  }

  const std::optional<Error>& error() const { return error_; }
  // Keeps a nested reader's first error as this one's (when it has none yet).
  void adopt(const Reader& nested) {
    if (nested.error_ && !error_) error_ = nested.error_;
  }

 private:
  std::nullopt_t wrong(std::string_view name, std::string_view expected) {
    if (!error_) error_ = bad_body(fmt::format("member '{}' must be {}", name, expected));
    return std::nullopt;
  }

  const json::object& o_;
  std::optional<Error> error_;
};

Result<json::object> parse_body(std::string_view body) {
  std::size_t i = 0;
  while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) ++i;
  if (i == body.size()) return json::object{};  // no body: every member absent
  boost::system::error_code ec;
  auto v = parse_json_exact(body, ec);
  if (ec) return fail(bad_body(ec.message()));
  if (!v.is_object()) return fail(bad_body("the body must be a JSON object"));
  return std::move(v.as_object());
}

std::string enum_list(std::string_view a, std::string_view b) { return fmt::format("[{}, {}]", a, b); }

// Runtime: AWS's own check, after the model's (InvalidParameterValueException without the
// "1 validation error detected" prefix and the value unquoted, as AWS words it).
Result<model::Runtime> decode_runtime(const std::string& value) {
  if (auto r = model::kRuntimes.parse(value)) return *r;
  std::string list(kAwsRuntimes);
  if (list.find(value) != std::string::npos && !value.empty() &&
      (list.find(value + ",") != std::string::npos || list.ends_with(value)))
    return fail(Error::unsupported(
        "runtime", fmt::format("jobflow does not support the runtime {}; supported runtimes: python3.8-python3.13 "
                               "(run with the machine's python3), provided, provided.al2, provided.al2023",
                               value)));
  return fail(invalid_parameter(
      "runtime", fmt::format("Value {} at 'runtime' failed to satisfy constraint: Member must satisfy enum value "
                             "set: [{}] or be a valid ARN",
                             value, kAwsRuntimes)));
}

// Environment.Variables: key pattern (model), then the 4 KB limit on the compact JSON AWS measures.
void check_environment(const model::EnvironmentVariables& vars, Violations& v) {
  for (const auto& [k, val] : vars)
    if (!matches(k, kEnvKeyPattern)) {
      v.add("environment.variables", k,
            fmt::format("Map keys must satisfy constraint: [Member must satisfy regular expression pattern: {}]",
                        kEnvKeyPattern));
      return;
    }
}

Status check_environment_size(const model::EnvironmentVariables& vars) {
  std::string measured = "{";
  for (const auto& [k, val] : vars) {
    if (measured.size() > 1) measured += ',';
    append_json_string(measured, k);
    measured += ':';
    append_json_string(measured, val);
  }
  measured += '}';
  if (measured.size() <= model::kMaxEnvironmentBytes) return {};
  return fail(invalid_parameter(
      "environment", "Lambda was unable to configure your environment variables because the environment variables "
                     "you have provided exceeded the 4KB limit. String measured: " +
                         measured));
}

struct CommonConfig {
  std::optional<std::string> role, handler, description, runtime, log_format, log_group, tracing_mode;
  std::optional<std::int64_t> timeout, memory_size, ephemeral_storage;
  std::optional<model::EnvironmentVariables> environment;
  bool ephemeral_storage_given = false;
};

// Members CreateFunction and UpdateFunctionConfiguration share, read and model-checked.
void read_common(Reader& in, CommonConfig& c, Violations& v) {
  c.runtime = in.string("Runtime");
  c.role = in.string("Role");
  if (c.role) v.pattern("role", *c.role, kRolePattern);
  c.handler = in.string("Handler");
  if (c.handler) {
    v.length("handler", *c.handler, 0, model::kMaxHandlerLength);
    if (c.handler->size() <= model::kMaxHandlerLength) v.pattern("handler", *c.handler, kHandlerPattern);
  }
  c.description = in.string("Description");
  if (c.description) v.length("description", *c.description, 0, model::kMaxDescriptionLength);
  c.timeout = in.integer("Timeout");
  if (c.timeout) v.range("timeout", *c.timeout, 1, std::nullopt);  // no 900 cap in jobflow
  c.memory_size = in.integer("MemorySize");
  if (c.memory_size) v.range("memorySize", *c.memory_size, model::kMinMemorySizeMb, 32768);
  if (const auto* env = in.object("Environment")) {
    Reader er(*env);
    c.environment = er.string_map("Variables").value_or(model::EnvironmentVariables{});
    in.adopt(er);
    if (er.error()) c.environment.reset();
    if (c.environment) check_environment(*c.environment, v);
  }
  if (const auto* tc = in.object("TracingConfig")) {
    Reader tr(*tc);
    c.tracing_mode = tr.string("Mode");
    in.adopt(tr);
    if (c.tracing_mode && !model::kTracingModes.parse(*c.tracing_mode))
      v.add("tracingConfig.mode", *c.tracing_mode,
            "Member must satisfy enum value set: " + enum_list("Active", "PassThrough"));
  }
  if (const auto* es = in.object("EphemeralStorage")) {
    Reader er(*es);
    c.ephemeral_storage_given = true;
    c.ephemeral_storage = er.integer("Size");
    in.adopt(er);
    if (!c.ephemeral_storage)
      v.required("ephemeralStorage.size");
    else
      v.range("ephemeralStorage.size", *c.ephemeral_storage, 512, model::kMaxEphemeralStorageMb);
  }
  if (const auto* lc = in.object("LoggingConfig")) {
    Reader lr(*lc);
    c.log_format = lr.string("LogFormat");
    if (c.log_format && !model::kLogFormats.parse(*c.log_format))
      v.add("loggingConfig.logFormat", *c.log_format, "Member must satisfy enum value set: " + enum_list("JSON", "Text"));
    c.log_group = lr.string("LogGroup");
    in.adopt(lr);
    if (c.log_group) {
      v.length("loggingConfig.logGroup", *c.log_group, 1, 512);
      if (!c.log_group->empty() && c.log_group->size() <= 512) v.pattern("loggingConfig.logGroup", *c.log_group, kLogGroupPattern);
    }
  }
}

// Lambda's own checks after the model's, in the order AWS applies them.
Status check_common(const CommonConfig& c) {
  if (c.memory_size && *c.memory_size > model::kMaxMemorySizeMb)
    return fail(invalid_parameter(
        "memory_size", fmt::format("'MemorySize' value failed to satisfy constraint: Member must have value less than "
                                   "or equal to {}",
                                   model::kMaxMemorySizeMb)));
  if (c.environment) {
    if (auto s = check_environment_size(*c.environment); !s) return s;
  }
  return {};
}

// Architectures: at most one, from the enum; jobflow runs x86_64 only.
Status read_architectures(Reader& in, Violations& v) {
  auto arch = in.strings("Architectures");
  if (!arch) return {};
  const auto shown = [&] {
    std::string s = "[";
    for (std::size_t i = 0; i < arch->size(); ++i) s += (i ? ", " : "") + (*arch)[i];
    return s + "]";
  }();
  if (arch->size() > 1) {
    v.add("architectures", shown, "Member must have length less than or equal to 1");
    return {};
  }
  if (arch->empty()) {
    v.add("architectures", shown, "Member must have length greater than or equal to 1");
    return {};
  }
  if ((*arch)[0] != "x86_64" && (*arch)[0] != "arm64") {
    v.add("architectures", shown,
          "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be "
          "null]");
    return {};
  }
  if ((*arch)[0] == "arm64")
    return fail(Error::unsupported("architecture", "jobflow runs functions on x86_64 only; arm64 is not supported"));
  return {};
}

struct CodeMembers {
  std::optional<std::string> zip_file, s3_bucket, s3_key, s3_object_version, image_uri;
};

void read_code(Reader& in, CodeMembers& c, Violations& v, std::string_view prefix) {
  c.zip_file = in.string("ZipFile");
  c.s3_bucket = in.string("S3Bucket");
  const auto path = [&](std::string_view m) { return std::string(prefix) + std::string(m); };
  if (c.s3_bucket) {
    v.length(path("s3Bucket"), *c.s3_bucket, 3, 63);
    if (c.s3_bucket->size() >= 3 && c.s3_bucket->size() <= 63) v.pattern(path("s3Bucket"), *c.s3_bucket, kS3BucketPattern);
  }
  c.s3_key = in.string("S3Key");
  if (c.s3_key) v.length(path("s3Key"), *c.s3_key, 1, 1024);
  c.s3_object_version = in.string("S3ObjectVersion");
  if (c.s3_object_version) v.length(path("s3ObjectVersion"), *c.s3_object_version, 1, 1024);
  c.image_uri = in.string("ImageUri");
}

// The code's source; the zip's base64 decoded, its size and signature checked.
Result<model::CodeSource> decode_code(const CodeMembers& c) {
  if (c.image_uri)
    return fail(Error::unsupported("code", "jobflow does not support container image functions (ImageUri); "
                                           "deploy a .zip package with ZipFile or S3Bucket/S3Key"));
  const bool s3 = c.s3_bucket || c.s3_key;
  if (c.zip_file && s3)
    return fail(invalid_parameter("code", "Please provide either ZipFile or S3Bucket and S3Key, not both."));
  if (!c.zip_file && !s3)
    return fail(invalid_parameter("code", "Please provide a source for function code: ZipFile, or S3Bucket and S3Key."));
  model::CodeSource out;
  if (s3) {
    if (!c.s3_bucket || !c.s3_key)
      return fail(invalid_parameter("code", "Please provide both S3Bucket and S3Key for the function code."));
    out.s3_bucket = *c.s3_bucket;
    out.s3_key = *c.s3_key;
    out.s3_object_version = c.s3_object_version.value_or("");
    return out;
  }
  // The decoded size is known before decoding: 3 bytes per 4 characters.
  if (c.zip_file->size() / 4 * 3 > model::kMaxZippedCodeBytes + 3)
    return fail(Error{ErrorCode::kTooLarge, "code",
                      fmt::format("Zipped size must be smaller than {} bytes", model::kMaxZippedCodeBytes)});
  auto bytes = base64_decode(*c.zip_file);
  if (!bytes) return fail(bad_body("member 'ZipFile' must be base64"));
  if (bytes->size() > model::kMaxZippedCodeBytes)
    return fail(Error{ErrorCode::kTooLarge, "code",
                      fmt::format("Zipped size must be smaller than {} bytes", model::kMaxZippedCodeBytes)});
  // A zip starts with a local file header, or is empty (end of central directory only).
  if (bytes->size() < 4 || !(bytes->starts_with(std::string_view("PK\x03\x04", 4)) ||
                             bytes->starts_with(std::string_view("PK\x05\x06", 4))))
    return fail(invalid_parameter("code", "Could not unzip uploaded file. Please check your file, then try to upload again."));
  out.zip_file = std::move(*bytes);
  return out;
}

template <class Table, class E>
void parse_enum_into(const std::optional<std::string>& s, const Table& table, E& out) {
  if (s)
    if (auto e = table.parse(*s)) out = *e;
}

}  // namespace

Result<FunctionRef> parse_function_name(std::string_view text, bool allow_dot) {
  const std::size_t max = allow_dot ? 256 : 140;
  const auto pattern = allow_dot ? kNamespacedFunctionNamePattern : kFunctionNamePattern;
  Violations v;
  v.length("functionName", text, 1, max);
  if (!text.empty() && text.size() <= max) v.pattern("functionName", text, pattern);
  if (!v.empty()) return fail(v.error());
  std::smatch m;
  const std::string s(text);
  std::regex_match(s, m, regex_for(pattern));
  FunctionRef ref;
  ref.name = m[11].str();
  ref.qualifier = m[13].str();
  if (m[3].matched) {
    ref.region = m[3].str();
    ref.region.pop_back();  // the ':'
  }
  if (m[9].matched) ref.account = m[9].str().substr(0, 12);
  if (ref.name.size() > model::kMaxFunctionNameLength)
    return fail(invalid_parameter(
        "function", fmt::format("1 validation error detected: Value '{}' at 'functionName' failed to satisfy "
                                "constraint: Member must have length less than or equal to {}",
                                ref.name, model::kMaxFunctionNameLength)));
  return ref;
}

Result<model::CreateFunctionRequest> decode_create_function(std::string_view body) {
  auto parsed = parse_body(body);
  if (!parsed) return fail(parsed.error());
  Reader in(*parsed);
  Violations v;

  const auto name = in.string("FunctionName");
  if (!name)
    v.required("functionName");
  else {
    v.length("functionName", *name, 1, 140);
    if (!name->empty() && name->size() <= 140) v.pattern("functionName", *name, kFunctionNamePattern);
  }
  CommonConfig c;
  read_common(in, c, v);
  if (!c.role) v.required("role");
  const auto* code = in.object("Code");
  CodeMembers cm;
  if (!code)
    v.required("code");
  else {
    Reader cr(*code);
    read_code(cr, cm, v, "code.");
    in.adopt(cr);
  }
  const auto publish = in.boolean("Publish");
  const auto package_type = in.string("PackageType");
  if (package_type && *package_type != "Zip" && *package_type != "Image")
    v.add("packageType", *package_type, "Member must satisfy enum value set: " + enum_list("Zip", "Image"));
  auto arch = read_architectures(in, v);
  const auto tags = in.string_map("Tags");
  const auto layers = in.strings("Layers");
  if (in.error()) return fail(*in.error());
  if (!v.empty()) return fail(v.error());
  if (!arch) return fail(arch.error());

  model::CreateFunctionRequest req;
  auto ref = parse_function_name(*name);
  if (!ref) return fail(ref.error());
  req.function_name = ref->name;
  if (package_type && *package_type == "Image")
    return fail(Error::unsupported("code", "jobflow does not support container image functions (PackageType Image)"));
  if (layers && !layers->empty())
    return fail(Error::unsupported("layers", "jobflow does not support Lambda layers"));
  if (!c.runtime || !c.handler)
    return fail(invalid_parameter(
        "runtime", "Runtime and Handler are mandatory parameters for functions created with deployment packages."));
  auto runtime = decode_runtime(*c.runtime);
  if (!runtime) return fail(runtime.error());
  if (auto s = check_common(c); !s) return fail(s.error());
  auto source = decode_code(cm);
  if (!source) return fail(source.error());

  req.role = *c.role;
  req.runtime = *runtime;
  req.handler = *c.handler;
  req.description = c.description.value_or("");
  req.timeout = c.timeout.value_or(model::kDefaultTimeoutSeconds);
  req.memory_size = c.memory_size.value_or(model::kDefaultMemorySizeMb);
  req.publish = publish.value_or(false);
  req.environment = c.environment;
  req.code = std::move(*source);
  req.ephemeral_storage = c.ephemeral_storage.value_or(model::kDefaultEphemeralStorageMb);
  parse_enum_into(c.tracing_mode, model::kTracingModes, req.tracing_mode);
  parse_enum_into(c.log_format, model::kLogFormats, req.log_format);
  req.log_group = c.log_group.value_or("");
  if (tags) req.tags = *tags;
  return req;
}

Result<model::UpdateFunctionCodeRequest> decode_update_function_code(std::string_view function_name,
                                                                      std::string_view body) {
  auto ref = parse_function_name(function_name);
  if (!ref) return fail(ref.error());
  auto parsed = parse_body(body);
  if (!parsed) return fail(parsed.error());
  Reader in(*parsed);
  Violations v;
  CodeMembers cm;
  read_code(in, cm, v, "");
  const auto publish = in.boolean("Publish");
  const auto dry_run = in.boolean("DryRun");
  const auto revision = in.string("RevisionId");
  auto arch = read_architectures(in, v);
  if (in.error()) return fail(*in.error());
  if (!v.empty()) return fail(v.error());
  if (!arch) return fail(arch.error());
  auto source = decode_code(cm);
  if (!source) return fail(source.error());
  model::UpdateFunctionCodeRequest req;
  req.function_name = std::string(function_name);
  req.code = std::move(*source);
  req.publish = publish.value_or(false);
  req.dry_run = dry_run.value_or(false);
  req.revision_id = revision.value_or("");
  return req;
}

Result<model::UpdateFunctionConfigurationRequest> decode_update_function_configuration(std::string_view function_name,
                                                                                        std::string_view body) {
  auto ref = parse_function_name(function_name);
  if (!ref) return fail(ref.error());
  auto parsed = parse_body(body);
  if (!parsed) return fail(parsed.error());
  Reader in(*parsed);
  Violations v;
  CommonConfig c;
  read_common(in, c, v);
  const auto revision = in.string("RevisionId");
  const auto layers = in.strings("Layers");
  if (in.error()) return fail(*in.error());
  if (!v.empty()) return fail(v.error());
  if (layers && !layers->empty())
    return fail(Error::unsupported("layers", "jobflow does not support Lambda layers"));
  model::UpdateFunctionConfigurationRequest req;
  if (c.runtime) {
    auto runtime = decode_runtime(*c.runtime);
    if (!runtime) return fail(runtime.error());
    req.runtime = *runtime;
  }
  if (auto s = check_common(c); !s) return fail(s.error());
  req.function_name = std::string(function_name);
  req.role = c.role;
  req.handler = c.handler;
  req.description = c.description;
  req.timeout = c.timeout;
  req.memory_size = c.memory_size;
  req.environment = c.environment;
  req.ephemeral_storage = c.ephemeral_storage;
  if (c.tracing_mode) req.tracing_mode = model::kTracingModes.parse(*c.tracing_mode);
  if (c.log_format) req.log_format = model::kLogFormats.parse(*c.log_format);
  req.log_group = c.log_group;
  req.revision_id = revision.value_or("");
  return req;
}

Status validate_invoke_payload(std::string_view payload) {
  try {
    livy::JacksonParser parser(payload);
    const auto token = parser.next_token();
    if (token == livy::JsonToken::kStartObject || token == livy::JsonToken::kStartArray) parser.read_structure();
    if (token == livy::JsonToken::kString) parser.text();
    return {};
  } catch (const livy::JacksonError& e) {
    std::string message = "Could not parse request body into json: Could not parse payload into json: " + e.message;
    if (e.location)
      message += fmt::format(
          "\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: {}, column: {}]",
          e.location->line, e.location->column);
    return fail(Error::invalid_input("payload", std::move(message)));
  }
}

}  // namespace jobflow::frontend::lambda
