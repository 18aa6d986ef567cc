#pragma once

#include <string>

namespace jobflow::frontend {

// An AWS error as it goes on the wire: HTTP status, `__type`, message, and for EMR's
// InvalidRequestException an `ErrorCode`.
struct WireError {
  int status = 400;
  std::string type;
  std::string message;
  std::string error_code;  // empty: not sent
};

}  // namespace jobflow::frontend
