#include "frontend/lambda/lambda_decoders.h"
#include "frontend/lambda/lambda_shapes.h"
#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

// POST /2015-03-31/functions: 201 with the FunctionConfiguration.
void create_function(const LambdaContext& context, http::Request request, http::Reply reply) {
  auto decoded = decode_create_function(request.body);
  if (!decoded) return reply(to_wire(decoded.error()));
  auto created = context.functions.create(std::move(*decoded), caller_scope(context, request));
  if (!created) return reply(to_wire(created.error()));
  reply(http::Response::json(201, function_configuration_json(*created)));
}

}  // namespace jobflow::frontend::lambda
