#include "frontend/lambda/lambda_shapes.h"
#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

// GET /2015-03-31/functions/{name}/configuration.
void get_function_configuration(const LambdaContext& context, http::Request request, http::Reply reply) {
  auto name = path_function_name(request);
  if (!name) return reply(to_wire(name.error()));
  auto function = context.functions.get(*name, caller_scope(context, request));
  if (!function) return reply(to_wire(function.error()));
  reply(http::Response::json(200, function_configuration_json(*function)));
}

}  // namespace jobflow::frontend::lambda
