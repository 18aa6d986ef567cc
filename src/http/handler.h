#pragma once

#include <functional>

#include "http/request.h"
#include "http/response.h"

namespace jobflow::http {

// Sends the response for one request. Call it exactly once, from any thread, now or later
// (long polls answer later); the connection waits for it.
using Reply = std::function<void(Response)>;

class Handler {
 public:
  virtual ~Handler() = default;
  virtual void handle(Request request, Reply reply) = 0;
};

}  // namespace jobflow::http
