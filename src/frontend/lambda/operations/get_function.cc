#include "frontend/lambda/lambda_shapes.h"
#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

// GET /2015-03-31/functions/{name}: the configuration and where to download the code.
void get_function(const LambdaContext& context, http::Request request, http::Reply reply) {
  auto name = path_function_name(request);
  if (!name) return reply(to_wire(name.error()));
  auto function = context.functions.get(*name, caller_scope(context, request));
  if (!function) return reply(to_wire(function.error()));
  const std::string location = context.options.endpoint_url + "/jobflow/functions/" + *name + "/code.zip";
  reply(http::Response::json(200, get_function_json(*function, location)));
}

}  // namespace jobflow::frontend::lambda
