#include "frontend/lambda/lambda_shapes.h"

#include <fmt/format.h>

#include <chrono>

#include "frontend/lambda/lambda_decoders.h"

namespace jobflow::frontend::lambda {
namespace {

constexpr std::size_t kLogResultBytes = 4096;

bool needs_state_reason(model::FunctionState s) { return s != model::FunctionState::kActive; }

}  // namespace

void write_function_configuration(JsonWriter& out, const model::FunctionConfig& c) {
  out.begin_object();
  out.key("FunctionName").string(c.function_name);
  out.key("FunctionArn").string(c.function_arn);
  out.key("Runtime").string(model::kRuntimes.name(c.runtime));
  out.key("Role").string(c.role);
  out.key("Handler").string(c.handler);
  out.key("CodeSize").number(c.code_size);
  out.key("Description").string(c.description);
  out.key("Timeout").number(c.timeout);
  out.key("MemorySize").number(c.memory_size);
  out.key("LastModified").string(c.last_modified);
  out.key("CodeSha256").string(c.code_sha256);
  out.key("Version").string(c.version);
  if (c.environment) {
    out.key("Environment").begin_object().key("Variables").begin_object();
    for (const auto& [k, v] : *c.environment) out.key(k).string(v);
    out.end_object().end_object();
  }
  out.key("TracingConfig").begin_object().key("Mode").string(model::kTracingModes.name(c.tracing_mode)).end_object();
  out.key("RevisionId").string(c.revision_id);
  out.key("State").string(model::kFunctionStates.name(c.state));
  if (needs_state_reason(c.state)) {
    if (!c.state_reason.empty()) out.key("StateReason").string(c.state_reason);
    if (!c.state_reason_code.empty()) out.key("StateReasonCode").string(c.state_reason_code);
  }
  if (c.last_update_status) {
    out.key("LastUpdateStatus").string(model::kLastUpdateStatuses.name(*c.last_update_status));
    if (*c.last_update_status != model::LastUpdateStatus::kSuccessful) {
      if (!c.last_update_status_reason.empty()) out.key("LastUpdateStatusReason").string(c.last_update_status_reason);
      if (!c.last_update_status_reason_code.empty())
        out.key("LastUpdateStatusReasonCode").string(c.last_update_status_reason_code);
    }
  }
  out.key("PackageType").string("Zip");
  out.key("Architectures").begin_array().string("x86_64").end_array();
  out.key("EphemeralStorage").begin_object().key("Size").number(c.ephemeral_storage).end_object();
  out.key("SnapStart").begin_object().key("ApplyOn").string("None").key("OptimizationStatus").string("Off").end_object();
  out.key("LoggingConfig").begin_object();
  out.key("LogFormat").string(model::kLogFormats.name(c.log_format));
  out.key("LogGroup").string(c.log_group.empty() ? "/aws/lambda/" + c.function_name : c.log_group);
  out.end_object();
  out.end_object();
}

std::string function_configuration_json(const model::FunctionConfig& config) {
  JsonWriter out;
  write_function_configuration(out, config);
  return out.take();
}

std::string get_function_json(const model::FunctionConfig& config, std::string_view code_location) {
  JsonWriter out;
  out.begin_object();
  out.key("Configuration");
  write_function_configuration(out, config);
  out.key("Code").begin_object().key("RepositoryType").string("S3").key("Location").string(code_location).end_object();
  if (!config.tags.empty()) {
    out.key("Tags").begin_object();
    for (const auto& [k, v] : config.tags) out.key(k).string(v);
    out.end_object();
  }
  out.end_object();
  return out.take();
}

std::string list_functions_json(const std::vector<model::FunctionConfig>& functions,
                                const std::optional<std::string>& next_marker) {
  JsonWriter out;
  out.begin_object();
  if (next_marker) out.key("NextMarker").string(*next_marker);
  out.key("Functions").begin_array();
  for (const auto& f : functions) write_function_configuration(out, f);
  out.end_array();
  out.end_object();
  return out.take();
}

Result<InvocationType> parse_invocation_type(std::string_view header) {
  if (header.empty()) return InvocationType::kRequestResponse;
  if (auto t = kInvocationTypes.parse(header)) return *t;
  return fail(Error::invalid_input(
      "request", fmt::format("1 validation error detected: Value '{}' at 'invocationType' failed to satisfy "
                             "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
                             header)));
}

Result<LogType> parse_log_type(std::string_view header) {
  if (header.empty()) return LogType::kNone;
  if (auto t = kLogTypes.parse(header)) return *t;
  return fail(Error::invalid_input(
      "request", fmt::format("1 validation error detected: Value '{}' at 'logType' failed to satisfy constraint: "
                             "Member must satisfy enum value set: [None, Tail]",
                             header)));
}

std::string log_result(std::string_view log) {
  if (log.size() > kLogResultBytes) log = log.substr(log.size() - kLogResultBytes);
  return base64_encode(log);
}

http::Response invoke_response(InvocationType type, LogType log_type, const InvokeOutcome& outcome) {
  if (type == InvocationType::kEvent) return http::Response::json(202, {});
  if (type == InvocationType::kDryRun) return http::Response::json(204, {});
  auto response = http::Response::json(200, outcome.payload);
  response.headers.emplace_back("X-Amz-Executed-Version", "$LATEST");
  if (!outcome.function_error.empty()) response.headers.emplace_back("X-Amz-Function-Error", outcome.function_error);
  if (log_type == LogType::kTail) response.headers.emplace_back("X-Amz-Log-Result", log_result(outcome.log_tail));
  return response;
}

}  // namespace jobflow::frontend::lambda
