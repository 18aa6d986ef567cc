#include "frontend/lambda/lambda_decoders.h"
#include "frontend/lambda/lambda_shapes.h"
#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

// POST /2015-03-31/functions/{name}/invocations. RequestResponse answers when the function has;
// Event answers 202 at once and runs it; DryRun only checks. No thread waits meanwhile.
void invoke(const LambdaContext& context, http::Request request, http::Reply reply) {
  auto name = path_function_name(request);
  if (!name) return reply(to_wire(name.error()));
  auto type = parse_invocation_type(request.header("x-amz-invocation-type").value_or(""));
  if (!type) return reply(to_wire(type.error()));
  auto log_type = parse_log_type(request.header("x-amz-log-type").value_or(""));
  if (!log_type) return reply(to_wire(log_type.error()));
  auto function = context.functions.get(*name, caller_scope(context, request));
  if (!function) return reply(to_wire(function.error()));
  if (auto ok = validate_invoke_payload(request.body); !ok) return reply(to_wire(ok.error()));
  if (*type == InvocationType::kDryRun) return reply(invoke_response(*type, *log_type, {}));
  const std::string code_dir = context.functions.code_dir(*function);
  if (*type == InvocationType::kEvent) {
    context.invoker.invoke(*function, code_dir, std::move(request.body), [](Result<engine::functions::InvokeResult>) {});
    return reply(invoke_response(*type, *log_type, {}));
  }
  context.invoker.invoke(*function, code_dir, std::move(request.body),
                         [reply = std::move(reply), type = *type, log_type = *log_type](
                             Result<engine::functions::InvokeResult> result) {
                           if (!result) return reply(to_wire(result.error()));
                           reply(invoke_response(type, log_type,
                                                 {std::move(result->payload), std::move(result->function_error),
                                                  std::move(result->log)}));
                         });
}

}  // namespace jobflow::frontend::lambda
