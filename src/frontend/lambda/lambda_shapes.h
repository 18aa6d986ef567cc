#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_table.h"
#include "base/error.h"
#include "base/json_writer.h"
#include "http/response.h"
#include "model/function.h"

namespace jobflow::frontend::lambda {

// Model -> wire shapes of the Lambda REST API. JSON text written with JsonWriter.

// FunctionConfiguration (CreateFunction 201, GetFunctionConfiguration, Update*), members in the
// botocore model's order; only members jobflow can answer truthfully (no VpcConfig, Layers,
// RuntimeVersionConfig, ...). Environment only once set; StateReason/StateReasonCode only when
// not Active; LastUpdateStatusReason/Code only while InProgress or Failed.
void write_function_configuration(JsonWriter& out, const model::FunctionConfig& config);
std::string function_configuration_json(const model::FunctionConfig& config);

// GetFunction: {"Configuration":{...},"Code":{"RepositoryType":"S3","Location":<url>},"Tags":{...}}
// (Tags only when the function has some).
std::string get_function_json(const model::FunctionConfig& config, std::string_view code_location);

// ListFunctions: {"NextMarker":...,"Functions":[...]} (NextMarker only when there is a next page).
std::string list_functions_json(const std::vector<model::FunctionConfig>& functions,
                                const std::optional<std::string>& next_marker);

// ---- Invoke ----
// X-Amz-Invocation-Type (default RequestResponse).
enum class InvocationType { kRequestResponse, kEvent, kDryRun };
inline constexpr EnumTable<InvocationType, 3> kInvocationTypes{{{
    {InvocationType::kEvent, "Event"},
    {InvocationType::kRequestResponse, "RequestResponse"},
    {InvocationType::kDryRun, "DryRun"},
}}};
// X-Amz-Log-Type (default None).
enum class LogType { kNone, kTail };
inline constexpr EnumTable<LogType, 2> kLogTypes{{{
    {LogType::kNone, "None"},
    {LogType::kTail, "Tail"},
}}};
// Header values -> enums; a bad value is AWS's ValidationException (resource "request").
Result<InvocationType> parse_invocation_type(std::string_view header);  // empty: RequestResponse
Result<LogType> parse_log_type(std::string_view header);                // empty: None

struct InvokeOutcome {
  std::string payload;         // the function's answer, passed through as is
  std::string function_error;  // "Unhandled" when the function failed; empty: it did not
  std::string log_tail;        // the invocation's log; sent (last 4 KB, base64) only with LogType Tail
};

// The Invoke response: 200 with the payload (RequestResponse), 202 empty (Event), 204 empty
// (DryRun); headers X-Amz-Executed-Version: $LATEST, X-Amz-Function-Error when set,
// X-Amz-Log-Result when asked.
http::Response invoke_response(InvocationType type, LogType log_type, const InvokeOutcome& outcome);
// X-Amz-Log-Result: base64 of the log's last 4 KB.
std::string log_result(std::string_view log);

}  // namespace jobflow::frontend::lambda
