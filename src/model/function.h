#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/enum_table.h"

namespace jobflow::model {

// Lambda runtimes jobflow can run. python3.x all run with the machine's `python3` (whatever its
// version: jobflow does not install interpreters); provided* run the zip's `bootstrap` executable
// against jobflow's Runtime API. AWS's other runtimes (nodejs, java, dotnet, ruby) are refused.
enum class Runtime {
  kPython38,
  kPython39,
  kPython310,
  kPython311,
  kPython312,
  kPython313,
  kProvided,
  kProvidedAl2,
  kProvidedAl2023,
};

inline constexpr EnumTable<Runtime, 9> kRuntimes{{{
    {Runtime::kPython38, "python3.8"},
    {Runtime::kPython39, "python3.9"},
    {Runtime::kPython310, "python3.10"},
    {Runtime::kPython311, "python3.11"},
    {Runtime::kPython312, "python3.12"},
    {Runtime::kPython313, "python3.13"},
    {Runtime::kProvided, "provided"},
    {Runtime::kProvidedAl2, "provided.al2"},
    {Runtime::kProvidedAl2023, "provided.al2023"},
}}};

inline bool is_python(Runtime r) { return r != Runtime::kProvided && r != Runtime::kProvidedAl2 && r != Runtime::kProvidedAl2023; }

// FunctionConfiguration.State (botocore enum State; the ones jobflow reaches).
enum class FunctionState { kPending, kActive, kInactive, kFailed };

inline constexpr EnumTable<FunctionState, 4> kFunctionStates{{{
    {FunctionState::kPending, "Pending"},
    {FunctionState::kActive, "Active"},
    {FunctionState::kInactive, "Inactive"},
    {FunctionState::kFailed, "Failed"},
}}};

// FunctionConfiguration.LastUpdateStatus.
enum class LastUpdateStatus { kSuccessful, kFailed, kInProgress };

inline constexpr EnumTable<LastUpdateStatus, 3> kLastUpdateStatuses{{{
    {LastUpdateStatus::kSuccessful, "Successful"},
    {LastUpdateStatus::kFailed, "Failed"},
    {LastUpdateStatus::kInProgress, "InProgress"},
}}};

enum class TracingMode { kPassThrough, kActive };

inline constexpr EnumTable<TracingMode, 2> kTracingModes{{{
    {TracingMode::kActive, "Active"},
    {TracingMode::kPassThrough, "PassThrough"},
}}};

enum class LogFormat { kText, kJson };

inline constexpr EnumTable<LogFormat, 2> kLogFormats{{{
    {LogFormat::kJson, "JSON"},
    {LogFormat::kText, "Text"},
}}};

// Defaults and limits (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html and the
// botocore model). jobflow has no 15-minute cap: any Timeout >= 1 second is accepted.
inline constexpr std::int64_t kDefaultTimeoutSeconds = 3;
inline constexpr std::int64_t kDefaultMemorySizeMb = 128;
inline constexpr std::int64_t kMinMemorySizeMb = 128;
inline constexpr std::int64_t kMaxMemorySizeMb = 10240;
inline constexpr std::int64_t kDefaultEphemeralStorageMb = 512;
inline constexpr std::int64_t kMaxEphemeralStorageMb = 10240;
inline constexpr std::size_t kMaxEnvironmentBytes = 4096;    // compact JSON of the variables
inline constexpr std::size_t kMaxZippedCodeBytes = 52428800;  // 50 MB, direct upload
inline constexpr std::size_t kMaxFunctionNameLength = 64;     // the plain name; ARNs up to 140
inline constexpr std::size_t kMaxDescriptionLength = 256;
inline constexpr std::size_t kMaxHandlerLength = 128;

// Environment variables in the order the client sent them (AWS measures and echoes them so).
using EnvironmentVariables = std::vector<std::pair<std::string, std::string>>;

// Where the code of CreateFunction / UpdateFunctionCode comes from: the zip's bytes, or an object
// of jobflow's local S3 root for the engine to read.
struct CodeSource {
  std::string zip_file;  // decoded bytes of Code.ZipFile; empty when from S3
  std::string s3_bucket;
  std::string s3_key;
  std::string s3_object_version;
  bool from_s3() const { return !s3_bucket.empty(); }
};

// What GetFunctionConfiguration answers, minus the constants jobflow always sends (PackageType Zip,
// Architectures [x86_64], SnapStart off, Version $LATEST).
struct FunctionConfig {
  std::string function_name;
  std::string function_arn;  // arn:aws:lambda:REGION:ACCOUNT:function:NAME
  Runtime runtime = Runtime::kPython312;
  std::string role;
  std::string handler;
  std::int64_t code_size = 0;  // bytes of the zip
  std::string description;
  std::int64_t timeout = kDefaultTimeoutSeconds;
  std::int64_t memory_size = kDefaultMemorySizeMb;
  std::string last_modified;  // "2024-05-01T10:00:00.000+0000" (format_last_modified)
  std::string code_sha256;    // base64 of the zip's SHA-256
  std::string version = "$LATEST";
  std::optional<EnvironmentVariables> environment;  // nullopt: never set (no Environment key)
  FunctionState state = FunctionState::kPending;
  std::string state_reason;       // with Pending/Failed: "The function is being created."
  std::string state_reason_code;  // "Creating", "InvalidZipFileException", ...
  std::optional<LastUpdateStatus> last_update_status;  // nullopt until the create has finished
  std::string last_update_status_reason;
  std::string last_update_status_reason_code;
  std::string revision_id;  // a UUID, new on every change
  std::int64_t ephemeral_storage = kDefaultEphemeralStorageMb;
  TracingMode tracing_mode = TracingMode::kPassThrough;
  LogFormat log_format = LogFormat::kText;
  std::string log_group;  // empty: "/aws/lambda/<name>"
  std::vector<std::pair<std::string, std::string>> tags;
};

struct CreateFunctionRequest {
  std::string function_name;  // the plain name (an ARN in the request is reduced to it)
  std::string role;
  Runtime runtime = Runtime::kPython312;
  std::string handler;
  std::string description;
  std::int64_t timeout = kDefaultTimeoutSeconds;
  std::int64_t memory_size = kDefaultMemorySizeMb;
  bool publish = false;
  std::optional<EnvironmentVariables> environment;
  CodeSource code;
  std::int64_t ephemeral_storage = kDefaultEphemeralStorageMb;
  TracingMode tracing_mode = TracingMode::kPassThrough;
  LogFormat log_format = LogFormat::kText;
  std::string log_group;
  std::vector<std::pair<std::string, std::string>> tags;  // request order
};

struct UpdateFunctionCodeRequest {
  std::string function_name;  // as in the path: a name or an ARN (the engine resolves it)
  CodeSource code;
  bool publish = false;
  bool dry_run = false;
  std::string revision_id;  // empty: no check
};

// Each member set only when the request names it.
struct UpdateFunctionConfigurationRequest {
  std::string function_name;
  std::optional<std::string> role;
  std::optional<std::string> handler;
  std::optional<std::string> description;
  std::optional<std::int64_t> timeout;
  std::optional<std::int64_t> memory_size;
  std::optional<EnvironmentVariables> environment;
  std::optional<Runtime> runtime;
  std::optional<std::int64_t> ephemeral_storage;
  std::optional<TracingMode> tracing_mode;
  std::optional<LogFormat> log_format;
  std::optional<std::string> log_group;
  std::string revision_id;
};

}  // namespace jobflow::model
