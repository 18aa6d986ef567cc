#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asl/value/failure.h"
#include "asl/value/json.h"

namespace jobflow::frontend {

// One HTTP task's request, decoded from its Parameters the way Step Functions reads them
// (AWS: "Call HTTPS APIs in Step Functions workflows"): ApiEndpoint and Method required;
// Authentication or InvocationConfig {ConnectionArn} optional here (see below); Headers,
// QueryParameters, RequestBody and Transform optional. Pure: no I/O, so every rule is
// unit-tested as a table.
struct HttpTaskRequest {
  std::string method;  // GET, POST, PUT, DELETE, PATCH, OPTIONS or HEAD
  bool https = false;
  std::string host;    // as in the URL, without the brackets of an IPv6 literal
  std::uint16_t port = 80;
  std::string target;  // path and query (QueryParameters appended), always starting with '/'
  // In order: the definition's headers, then the ones Step Functions sets (User-Agent, Range)
  // and a default Content-Type when there is a body and no Content-Type was given. Host and
  // Content-Length are the client's.
  std::vector<std::pair<std::string, std::string>> headers;
  bool has_body = false;
  std::string body;
  // The EventBridge connection named, if any. jobflow has no EventBridge connections: the ARN
  // is checked for shape and logged, its credentials are not (cannot be) applied.
  std::string connection_arn;

  // "host:port" for the Host header, with the port only when it is not the scheme's default.
  std::string authority() const;

  // A bad parameter fails the task with States.Runtime and AWS's wording for parameters that
  // "could not be used to start the Task". `region` goes into the User-Agent
  // (Amazon|StepFunctions|HttpInvoke|<region>).
  static asl::Outcome<HttpTaskRequest> decode(const asl::Json& parameters, std::string_view region);
};

}  // namespace jobflow::frontend
