#include <fstream>
#include <sstream>

#include "frontend/lambda/operations/lambda_operation.h"

namespace jobflow::frontend::lambda {

// GET /jobflow/functions/{name}/code.zip: the zip GetFunction's Code.Location points at (Lambda
// gives a presigned S3 URL there).
void get_function_code(const LambdaContext& context, http::Request request, http::Reply reply) {
  auto name = path_function_name(request);
  if (!name) return reply(to_wire(name.error()));
  auto function = context.functions.get(*name, caller_scope(context, request));
  if (!function) return reply(to_wire(function.error()));
  std::ifstream in(context.functions.code_dir(*function) + ".zip", std::ios::binary);
  if (!in) return reply(to_wire(Error::internal("the function's code archive is missing")));
  std::stringstream bytes;
  bytes << in.rdbuf();
  http::Response response;
  response.content_type = "application/zip";
  response.body = bytes.str();
  reply(std::move(response));
}

}  // namespace jobflow::frontend::lambda
