// Core errors -> Lambda wire errors, as a table: (code, resource) -> status, x-amzn-ErrorType, body.
#include <gtest/gtest.h>

#include "frontend/lambda/lambda_errors.h"

namespace jobflow::frontend::lambda {
namespace {

struct Case {
  Error error;
  int status;
  std::string type;
  std::string body;
};

std::string header(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

TEST(LambdaErrors, Table) {
  const std::string arn = "arn:aws:lambda:us-east-1:123456789012:function:f";
  const std::vector<Case> cases = {
      {Error::not_found("function", "Function not found: " + arn), 404, "ResourceNotFoundException",
       R"({"Message":"Function not found: )" + arn + R"(","Type":"User"})"},
      {{ErrorCode::kAlreadyExists, "function", "Function already exist: f"}, 409, "ResourceConflictException",
       R"({"Type":"User","message":"Function already exist: f"})"},
      {Error::invalid_input("request", "1 validation error detected: x"), 400, "ValidationException",
       R"({"message":"1 validation error detected: x"})"},
      {Error::invalid_input("runtime", "bad runtime"), 400, "InvalidParameterValueException",
       R"({"Type":"User","message":"bad runtime"})"},
      {Error::invalid_input("payload", "Could not parse request body into json: x"), 400,
       "InvalidRequestContentException", R"({"Type":"User","message":"Could not parse request body into json: x"})"},
      {Error::invalid_input("body", "Could not parse request body into json: y"), 400,
       "InvalidRequestContentException", R"({"Type":"User","message":"Could not parse request body into json: y"})"},
      {Error::unsupported("code", "no images"), 400, "InvalidParameterValueException",
       R"({"Type":"User","message":"no images"})"},
      {Error::unsupported("media_type", "bad type"), 415, "UnsupportedMediaTypeException",
       R"({"Type":"User","message":"bad type"})"},
      {Error::invalid_state("function", "An update is in progress"), 409, "ResourceConflictException",
       R"({"Type":"User","message":"An update is in progress"})"},
      {Error::conflict("revision", "The Revision Id provided does not match"), 412, "PreconditionFailedException",
       R"({"Type":"User","message":"The Revision Id provided does not match"})"},
      {Error::conflict("function", "busy"), 409, "ResourceConflictException", R"({"Type":"User","message":"busy"})"},
      {Error::limit_exceeded("function", "Rate Exceeded."), 429, "TooManyRequestsException",
       R"({"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."})"},
      {{ErrorCode::kTooLarge, "payload", "7000000 byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)"},
       413, "RequestTooLargeException",
       R"x({"Type":"User","message":"7000000 byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)"})x"},
      {{ErrorCode::kTooLarge, "code", "Zipped size must be smaller than 52428800 bytes"}, 413,
       "RequestEntityTooLargeException", R"({"message":"Zipped size must be smaller than 52428800 bytes"})"},
      {Error::internal("disk \"full\""), 500, "ServiceException", R"({"Message":"disk \"full\"","Type":"Service"})"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.type + " " + c.error.resource);
    const auto r = to_wire(c.error);
    EXPECT_EQ(r.status, c.status);
    EXPECT_EQ(r.content_type, "application/json");
    EXPECT_EQ(header(r, "x-amzn-ErrorType"), c.type);
    EXPECT_EQ(r.body, c.body);
  }
}

TEST(LambdaErrors, ClientErrorsAreNever5xx) {
  for (auto code : {ErrorCode::kInvalidInput, ErrorCode::kNotFound, ErrorCode::kAlreadyExists, ErrorCode::kConflict,
                    ErrorCode::kInvalidState, ErrorCode::kLimitExceeded, ErrorCode::kUnsupported, ErrorCode::kTooLarge})
    EXPECT_LT(describe(Error{code, "function", "m"}).status, 500);
}

}  // namespace
}  // namespace jobflow::frontend::lambda
