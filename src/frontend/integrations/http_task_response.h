#pragma once

#include <string>
#include <utility>
#include <vector>

#include "asl/value/failure.h"
#include "asl/value/json.h"

namespace jobflow::frontend {

// The answer an HTTP task got, as read from the wire, and what the task makes of it.
struct HttpTaskResponse {
  int status = 0;
  std::string reason;  // the status line's reason phrase ("Not Found")
  std::vector<std::pair<std::string, std::string>> headers;  // names as received, in order
  std::string body;

  // The task's result, AWS's {Headers, ResponseBody, StatusCode, StatusText}:
  //   Headers       {name: [value, ...]} in the order received (a name sent twice gets both)
  //   ResponseBody  the body parsed as JSON when the Content-Type is application/json or
  //                 *+json and the body parses, else the body as a string
  //   StatusCode    the status as a number; StatusText the reason phrase (the standard one
  //                 when the server sent none)
  // A status outside 2xx fails the task with States.Http.StatusCode.<status> and that same
  // object, as JSON text, as the cause. A body AWS cannot read fails it with States.Runtime:
  // Content-Type application/octet-stream, image/*, video/* or audio/*, or text that is not
  // valid UTF-8.
  asl::Outcome<asl::JsonPtr> to_output() const;
};

}  // namespace jobflow::frontend
