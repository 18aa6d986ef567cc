#pragma once

#include "base/base64.h"

#include <string>
#include <string_view>

#include "base/error.h"
#include "model/function.h"

namespace jobflow::frontend::lambda {

// Wire -> model for the Lambda REST API (`/2015-03-31/functions...`). Each decoder takes the raw
// request body (and the {FunctionName} path segment where the route has one) and returns the model
// request or the first problem as a core Error whose (code, resource) lambda_errors maps to AWS's
// error type; messages are AWS's texts (README "## JSON layer" says which are verified).
//
// Model constraints (lengths, patterns, ranges, enums, required members) are checked first and all
// together, as AWS's front door does: "N validation error(s) detected: Value ... at 'member' failed
// to satisfy constraint: ...; ..." (ValidationException, resource "request"). Lambda's own checks
// (runtime, 64-character name, MemorySize 10240, environment size, code) come after, one at a time
// (InvalidParameterValueException and kin).

// POST /2015-03-31/functions
Result<model::CreateFunctionRequest> decode_create_function(std::string_view body);
// PUT /2015-03-31/functions/{FunctionName}/code
Result<model::UpdateFunctionCodeRequest> decode_update_function_code(std::string_view function_name,
                                                                      std::string_view body);
// PUT /2015-03-31/functions/{FunctionName}/configuration
Result<model::UpdateFunctionConfigurationRequest> decode_update_function_configuration(
    std::string_view function_name, std::string_view body);

// A {FunctionName} as clients send it: a name, a partial ARN (ACCOUNT:function:NAME) or a full ARN,
// optionally with ":QUALIFIER".
struct FunctionRef {
  std::string name;       // the plain name
  std::string qualifier;  // "$LATEST", a version or an alias; empty: none
  std::string region;     // from a full ARN; empty otherwise
  std::string account;    // from an ARN; empty otherwise
};

// Checks `text` against the FunctionName shape (1-140 characters and AWS's pattern; a ValidationException),
// then the plain name's 64-character limit (InvalidParameterValueException, as AWS).
// `allow_dot`: the NamespacedFunctionName shape of Invoke / GetFunction, whose names may hold '.'
// and whose qualifier may be "$LATEST.PUBLISHED" (max 256 characters).
Result<FunctionRef> parse_function_name(std::string_view text, bool allow_dot = false);

// Invoke's payload must be one JSON value (or empty). Otherwise InvalidRequestContentException
// (resource "payload") with Jackson's message, as Lambda words it: "Could not parse request body
// into json: Could not parse payload into json: <Jackson message>\n at [Source: REDACTED ...]".
Status validate_invoke_payload(std::string_view payload);

// Base64 (blobs in rest-json) is base/base64.h.
using jobflow::base64_decode;
using jobflow::base64_encode;

}  // namespace jobflow::frontend::lambda
