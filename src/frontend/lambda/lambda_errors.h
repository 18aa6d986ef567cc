#pragma once

#include <string>

#include "base/error.h"
#include "http/response.h"

namespace jobflow::frontend::lambda {

// A Lambda error as it goes on the wire: status, the `x-amzn-ErrorType` header and a JSON body.
// Lambda's bodies differ per error type (recorded from AWS, see README "## JSON layer"):
//   {"Message":"...","Type":"User"}     ResourceNotFoundException (capital M)
//   {"Message":"...","Type":"Service"}  ServiceException
//   {"Type":"User","message":"..."}     InvalidParameterValueException, ResourceConflictException,
//                                       PreconditionFailedException, InvalidRequestContentException,
//                                       RequestTooLargeException, UnsupportedMediaTypeException
//   {"Reason":"...","Type":"User","message":"..."}  TooManyRequestsException
//   {"message":"..."}                   ValidationException, RequestEntityTooLargeException
struct LambdaWireError {
  int status = 400;
  std::string type;           // x-amzn-ErrorType
  std::string message;
  std::string kind = "User";  // the body's "Type"; empty: not sent
  bool capital_message = false;  // "Message" instead of "message"
  std::string reason;         // TooManyRequestsException.Reason; empty: not sent
};

// The one table from core errors to Lambda's wire errors. (code, resource):
//   invalid_input "request"   400 ValidationException ("N validation error(s) detected: ...")
//   invalid_input "body"      400 InvalidRequestContentException (request body not JSON / wrong types)
//   invalid_input "payload"   400 InvalidRequestContentException (Invoke payload not JSON)
//   invalid_input, other      400 InvalidParameterValueException ("runtime", "environment", "code",
//                                 "function", ...)
//   unsupported "media_type"  415 UnsupportedMediaTypeException
//   unsupported, other        400 InvalidParameterValueException (ImageUri, arm64, Layers, runtimes
//                                 AWS has but jobflow cannot run)
//   not_found                 404 ResourceNotFoundException ("Function not found: <arn>")
//   already_exists            409 ResourceConflictException ("Function already exist: <name>")
//   invalid_state             409 ResourceConflictException (an update is in progress)
//   conflict "revision"       412 PreconditionFailedException (RevisionId mismatch)
//   conflict, other           409 ResourceConflictException
//   limit_exceeded            429 TooManyRequestsException, Reason
//                                 ReservedFunctionConcurrentInvocationLimitExceeded
//   too_large "payload"       413 RequestTooLargeException (Invoke payload above 6 MB)
//   too_large, other          413 RequestEntityTooLargeException ("code": zip above 50 MB,
//                                 "request": CreateFunction body)
//   internal                  500 ServiceException
LambdaWireError describe(const Error& error);

// describe() as an HTTP response.
http::Response to_wire(const Error& error);
http::Response to_response(const LambdaWireError& error);

}  // namespace jobflow::frontend::lambda
