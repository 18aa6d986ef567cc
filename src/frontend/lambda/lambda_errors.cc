#include "frontend/lambda/lambda_errors.h"

#include "base/json_string.h"

namespace jobflow::frontend::lambda {
namespace {

LambdaWireError user(int status, std::string type, std::string message) {
  return {status, std::move(type), std::move(message), "User", false, {}};
}

}  // namespace

LambdaWireError describe(const Error& e) {
  switch (e.code) {
    case ErrorCode::kInvalidInput:
      if (e.resource == "request") return {400, "ValidationException", e.message, {}, false, {}};
      if (e.resource == "body" || e.resource == "payload")
        return user(400, "InvalidRequestContentException", e.message);
      return user(400, "InvalidParameterValueException", e.message);
    case ErrorCode::kUnsupported:
      if (e.resource == "media_type") return user(415, "UnsupportedMediaTypeException", e.message);
      return user(400, "InvalidParameterValueException", e.message);
    case ErrorCode::kNotFound:
      return {404, "ResourceNotFoundException", e.message, "User", true, {}};
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kInvalidState:
      return user(409, "ResourceConflictException", e.message);
    case ErrorCode::kConflict:
      if (e.resource == "revision") return user(412, "PreconditionFailedException", e.message);
      return user(409, "ResourceConflictException", e.message);
    case ErrorCode::kLimitExceeded:
      return {429, "TooManyRequestsException", e.message, "User", false,
              "ReservedFunctionConcurrentInvocationLimitExceeded"};
    case ErrorCode::kTooLarge:
      if (e.resource == "payload") return user(413, "RequestTooLargeException", e.message);
      return {413, "RequestEntityTooLargeException", e.message, {}, false, {}};
    case ErrorCode::kInternal:
      break;
  }
  return {500, "ServiceException", e.message, "Service", true, {}};
}

http::Response to_response(const LambdaWireError& w) {
  std::string body = "{";
  auto member = [&body](std::string_view key, std::string_view value) {
    if (body.size() > 1) body += ',';
    append_json_string(body, key);
    body += ':';
    append_json_string(body, value);
  };
  if (w.capital_message) {
    member("Message", w.message);
    if (!w.kind.empty()) member("Type", w.kind);
  } else {
    if (!w.reason.empty()) member("Reason", w.reason);
    if (!w.kind.empty()) member("Type", w.kind);
    member("message", w.message);
  }
  body += '}';
  auto response = http::Response::json(w.status, std::move(body));
  response.headers.emplace_back("x-amzn-ErrorType", w.type);
  return response;
}

http::Response to_wire(const Error& error) { return to_response(describe(error)); }

}  // namespace jobflow::frontend::lambda
