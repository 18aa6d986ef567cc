#include "frontend/lambda/lambda_decoders.h"
#include "frontend/lambda/lambda_shapes.h"
#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

// PUT /2015-03-31/functions/{name}/code.
void update_function_code(const LambdaContext& context, http::Request request, http::Reply reply) {
  auto name = path_function_name(request);
  if (!name) return reply(to_wire(name.error()));
  auto decoded = decode_update_function_code(*name, request.body);
  if (!decoded) return reply(to_wire(decoded.error()));
  decoded->function_name = *name;
  auto updated = context.functions.update_code(std::move(*decoded), caller_scope(context, request));
  if (!updated) return reply(to_wire(updated.error()));
  reply(http::Response::json(200, function_configuration_json(*updated)));
}

}  // namespace jobflow::frontend::lambda
