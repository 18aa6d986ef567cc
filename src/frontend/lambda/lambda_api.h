#pragma once

#include <string>

#include "base/error.h"
#include "engine/functions/function_invoker.h"
#include "engine/functions/function_service.h"
#include "http/router.h"

namespace jobflow::frontend::lambda {

struct LambdaApiOptions {
  std::string account = "123456789012";
  std::string default_region = "us-east-1";
  std::string endpoint_url;  // GetFunction's Code.Location points here
};

// Adds the Lambda REST API routes jobflow serves (/2015-03-31/functions...) to the router, one
// operation per file in operations/.
Status register_lambda_api(http::Router& router, engine::functions::FunctionService& functions,
                           engine::functions::FunctionInvoker& invoker, LambdaApiOptions options);

}  // namespace jobflow::frontend::lambda
