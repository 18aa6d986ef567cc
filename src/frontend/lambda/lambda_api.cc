#include "frontend/lambda/lambda_api.h"

#include <memory>

#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

Status register_lambda_api(http::Router& router, engine::functions::FunctionService& functions,
                           engine::functions::FunctionInvoker& invoker, LambdaApiOptions options) {
  auto context = std::make_shared<const LambdaContext>(LambdaContext{functions, invoker, std::move(options)});
  Status status;
  auto add = [&](std::string_view method, std::string_view pattern, LambdaOperation operation) {
    if (!status) return;
    status = router.add(method, pattern, [context, operation](http::Request request, http::Reply reply) {
      operation(*context, std::move(request), std::move(reply));
    });
  };
  add("POST", "/2015-03-31/functions", create_function);
  add("GET", "/2015-03-31/functions", list_functions);
  add("GET", "/2015-03-31/functions/{name}", get_function);
  add("DELETE", "/2015-03-31/functions/{name}", delete_function);
  add("GET", "/2015-03-31/functions/{name}/configuration", get_function_configuration);
  add("PUT", "/2015-03-31/functions/{name}/configuration", update_function_configuration);
  add("PUT", "/2015-03-31/functions/{name}/code", update_function_code);
  add("GET", "/jobflow/functions/{name}/code.zip", get_function_code);
  add("POST", "/2015-03-31/functions/{name}/invocations", invoke);
  add("GET", "/fn-runtime/{token}/2018-06-01/runtime/invocation/next", runtime_next);
  add("POST", "/fn-runtime/{token}/2018-06-01/runtime/invocation/{id}/response", runtime_response);
  add("POST", "/fn-runtime/{token}/2018-06-01/runtime/invocation/{id}/error", runtime_error);
  add("POST", "/fn-runtime/{token}/2018-06-01/runtime/init/error", runtime_init_error);
  return status;
}

}  // namespace jobflow::frontend::lambda
