#include "frontend/integrations/lambda_integration.h"

#include "base/json_parse.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "asl/value/json.h"
#include "engine/functions/function_names.h"
#include "engine/sfn/sdk_metadata.h"
#include "frontend/lambda/lambda_decoders.h"
#include "frontend/lambda/lambda_errors.h"

namespace jobflow::frontend {
namespace {

constexpr std::string_view kInvoke = "arn:aws:states:::lambda:invoke";
constexpr std::string_view kInvokeToken = "arn:aws:states:::lambda:invoke.waitForTaskToken";

bool is_function_arn(std::string_view resource) {
  return resource.starts_with("arn:aws:lambda:") && resource.find(":function:") != std::string_view::npos;
}

// The task failure for an API error, as the Java SDK words it inside Step Functions.
asl::Failure api_failure(const Error& error, const std::string& request_id) {
  const lambda::LambdaWireError wire = lambda::describe(error);
  return asl::Failure{"Lambda." + wire.type,
                      fmt::format("{} (Service: AWSLambda; Status Code: {}; Error Code: {}; Request ID: {}; Proxy: null)",
                                  error.message, wire.status, wire.type, request_id)};
}

// The task failure for a function error: its errorType names the error, the error object is
// the cause.
asl::Failure function_failure(const std::string& payload) {
  boost::system::error_code ec;
  auto parsed = parse_json_exact(payload, ec);
  std::string type = "Lambda.Unknown";
  if (!ec && parsed.is_object())
    if (const auto* t = parsed.as_object().if_contains("errorType"); t && t->is_string() && !t->as_string().empty())
      type = std::string(t->as_string());
  return asl::Failure{type, payload};
}

}  // namespace

LambdaIntegration::LambdaIntegration(engine::functions::FunctionService& functions,
                                     engine::functions::FunctionInvoker& invoker,
                                     engine::sfn::TaskTokenRegistry& tokens, const Clock& clock)
    : functions_(functions), invoker_(invoker), tokens_(tokens), clock_(clock) {}

bool LambdaIntegration::handles(std::string_view resource) const {
  return resource == kInvoke || resource == kInvokeToken || is_function_arn(resource);
}

void LambdaIntegration::start(const engine::sfn::TaskContext& context, const asl::TaskRequest& task,
                              engine::sfn::TaskCallbacks callbacks) {
  const bool token_mode = task.resource == kInvokeToken;
  const bool legacy = is_function_arn(task.resource);
  if (token_mode && task.submitted) return tokens_.add(context, task, std::move(callbacks));  // re-attached

  const asl::Json& parameters = task.parameters ? *task.parameters : asl::Json();
  std::string function_name;
  std::string payload;
  std::string invocation_type = "RequestResponse";
  if (legacy) {
    function_name = task.resource;
    payload = asl::to_text(parameters);
  } else {
    if (!parameters.is_object())
      return callbacks.failed(asl::Failure::runtime("The parameters of a lambda:invoke task must be a JSON object."));
    const auto& p = parameters.get_object();
    if (const auto* name = p.if_contains("FunctionName"); name && name->is_string())
      function_name = std::string(name->get_string());
    if (const auto* body = p.if_contains("Payload")) payload = asl::to_text(*body);
    if (const auto* type = p.if_contains("InvocationType"); type && type->is_string())
      invocation_type = std::string(type->get_string());
  }
  const std::string request_id = engine::functions::random_uuid();
  engine::functions::CallerScope scope{context.region, context.account};
  auto ref = lambda::parse_function_name(function_name);
  if (!ref) return callbacks.failed(api_failure(ref.error(), request_id));
  if (!ref->region.empty()) scope.region = ref->region;
  auto function = functions_.get(ref->name, scope);
  if (!function) return callbacks.failed(api_failure(function.error(), request_id));
  if (auto ok = lambda::validate_invoke_payload(payload); !ok) return callbacks.failed(api_failure(ok.error(), request_id));

  if (token_mode) {
    // The token is known before the function runs: it may answer at once.
    tokens_.add(context, task, callbacks);
    invoker_.invoke(*function, functions_.code_dir(*function), std::move(payload),
                    [](Result<engine::functions::InvokeResult>) {});
    return callbacks.submitted(asl::make_json(boost::json::object{{"StatusCode", 202}}));
  }
  const bool event = invocation_type == "Event";
  auto finish = [this, callbacks, legacy, event, request_id](Result<engine::functions::InvokeResult> result) {
    if (!result) return callbacks.failed(api_failure(result.error(), request_id));
    if (!result->function_error.empty()) return callbacks.failed(function_failure(result->payload));
    boost::system::error_code ec;
    boost::json::value answer = result->payload.empty() ? boost::json::value(nullptr) : parse_json_exact(result->payload, ec);
    if (ec) answer = boost::json::value(result->payload);  // not JSON: the text, as a string
    if (legacy) return callbacks.succeeded(asl::make_json(std::move(answer)));
    boost::json::object output{
        {"ExecutedVersion", "$LATEST"},
        {"Payload", event ? boost::json::value("") : std::move(answer)},
        {"SdkHttpMetadata", engine::sfn::sdk_metadata(request_id, result->payload.size(), clock_.now_ms(),
                                                      "application/json", event ? 202 : 200)},
        {"SdkResponseMetadata", boost::json::object{{"RequestId", request_id}}},
        {"StatusCode", event ? 202 : 200}};
    callbacks.succeeded(asl::make_json(boost::json::value(std::move(output))));
  };
  if (event) {
    invoker_.invoke(*function, functions_.code_dir(*function), std::move(payload),
                    [](Result<engine::functions::InvokeResult>) {});
    return finish(engine::functions::InvokeResult{});
  }
  invoker_.invoke(*function, functions_.code_dir(*function), std::move(payload), std::move(finish));
}

void LambdaIntegration::cancel(const engine::sfn::TaskContext& context, std::int64_t task_id) {
  tokens_.cancel(context.execution_arn, task_id);
}

}  // namespace jobflow::frontend
