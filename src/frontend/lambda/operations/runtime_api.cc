#include "base/json_string.h"
#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {
namespace {

// The Runtime API's own error shape (it is not Lambda's public API).
http::Response runtime_failure(const Error& error) {
  std::string body = "{\"errorMessage\":";
  append_json_string(body, error.message);
  body += ",\"errorType\":";
  append_json_string(body, error.code == ErrorCode::kNotFound ? "InvalidRequestID" : "InvalidStateTransition");
  body += "}";
  return http::Response::json(error.code == ErrorCode::kNotFound ? 404 : 403, std::move(body));
}

http::Response accepted() { return http::Response::json(202, R"({"status":"OK"})"); }

std::string token_of(const http::Request& request) { return std::string(request.path_param("token").value_or("")); }
std::string id_of(const http::Request& request) { return std::string(request.path_param("id").value_or("")); }

}  // namespace

// GET …/runtime/invocation/next: a long poll answered with the next invocation; holds no thread.
void runtime_next(const LambdaContext& context, http::Request request, http::Reply reply) {
  context.invoker.next(token_of(request), [reply = std::move(reply)](Result<engine::functions::RuntimeInvocation> work) {
    if (!work) return reply(runtime_failure(work.error()));
    http::Response response = http::Response::json(200, std::move(work->payload));
    response.headers.emplace_back("Lambda-Runtime-Aws-Request-Id", work->request_id);
    response.headers.emplace_back("Lambda-Runtime-Deadline-Ms", std::to_string(work->deadline_ms));
    response.headers.emplace_back("Lambda-Runtime-Invoked-Function-Arn", work->function_arn);
    reply(std::move(response));
  });
}

void runtime_response(const LambdaContext& context, http::Request request, http::Reply reply) {
  if (auto ok = context.invoker.respond(token_of(request), id_of(request), std::move(request.body)); !ok)
    return reply(runtime_failure(ok.error()));
  reply(accepted());
}

void runtime_error(const LambdaContext& context, http::Request request, http::Reply reply) {
  if (auto ok = context.invoker.fail(token_of(request), id_of(request), std::move(request.body)); !ok)
    return reply(runtime_failure(ok.error()));
  reply(accepted());
}

void runtime_init_error(const LambdaContext& context, http::Request request, http::Reply reply) {
  if (auto ok = context.invoker.init_error(token_of(request), std::move(request.body)); !ok)
    return reply(runtime_failure(ok.error()));
  reply(accepted());
}

}  // namespace jobflow::frontend::lambda
