#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

// DELETE /2015-03-31/functions/{name}: 204.
void delete_function(const LambdaContext& context, http::Request request, http::Reply reply) {
  auto name = path_function_name(request);
  if (!name) return reply(to_wire(name.error()));
  if (auto ok = context.functions.remove(*name, caller_scope(context, request)); !ok) return reply(to_wire(ok.error()));
  context.invoker.retire(*name);
  http::Response response;
  response.status = 204;
  reply(std::move(response));
}

}  // namespace jobflow::frontend::lambda
