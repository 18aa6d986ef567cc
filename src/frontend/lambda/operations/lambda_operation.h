#pragma once

#include <string>

#include "base/error.h"
#include "engine/functions/function_invoker.h"
#include "engine/functions/function_service.h"
#include "frontend/lambda/lambda_api.h"
#include "frontend/lambda/lambda_errors.h"
#include "http/handler.h"
#include "http/request.h"

namespace jobflow::frontend::lambda {

struct LambdaContext {
  engine::functions::FunctionService& functions;
  engine::functions::FunctionInvoker& invoker;
  LambdaApiOptions options;
};

using LambdaOperation = void (*)(const LambdaContext&, http::Request, http::Reply);

void create_function(const LambdaContext&, http::Request, http::Reply);
void get_function(const LambdaContext&, http::Request, http::Reply);
void get_function_configuration(const LambdaContext&, http::Request, http::Reply);
void list_functions(const LambdaContext&, http::Request, http::Reply);
void update_function_code(const LambdaContext&, http::Request, http::Reply);
void update_function_configuration(const LambdaContext&, http::Request, http::Reply);
void delete_function(const LambdaContext&, http::Request, http::Reply);
void get_function_code(const LambdaContext&, http::Request, http::Reply);
void invoke(const LambdaContext&, http::Request, http::Reply);
// The Lambda Runtime API, under /fn-runtime/{token}: what a function's runtime process calls.
void runtime_next(const LambdaContext&, http::Request, http::Reply);
void runtime_response(const LambdaContext&, http::Request, http::Reply);
void runtime_error(const LambdaContext&, http::Request, http::Reply);
void runtime_init_error(const LambdaContext&, http::Request, http::Reply);

// The caller's region (SigV4 credential scope, else the default) and the account.
engine::functions::CallerScope caller_scope(const LambdaContext& context, const http::Request& request);
// The {name} path segment as a plain function name (a name, a partial ARN or an ARN).
Result<std::string> path_function_name(const http::Request& request);

}  // namespace jobflow::frontend::lambda
