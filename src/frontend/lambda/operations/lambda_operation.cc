#include "frontend/lambda/operations/lambda_operation.h"

#include "frontend/aws_json/aws_json_service.h"
#include "frontend/lambda/lambda_decoders.h"

namespace jobflow::frontend::lambda {

engine::functions::CallerScope caller_scope(const LambdaContext& context, const http::Request& request) {
  std::string region = AwsJsonService::region_from_authorization(request.header("authorization").value_or(""));
  if (region.empty()) region = context.options.default_region;
  return {std::move(region), context.options.account};
}

Result<std::string> path_function_name(const http::Request& request) {
  auto ref = parse_function_name(request.path_param("name").value_or(""));
  if (!ref) return fail(ref.error());
  return ref->name;
}

}  // namespace jobflow::frontend::lambda
