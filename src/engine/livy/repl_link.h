#pragma once

#include <functional>
#include <memory>
#include <string>

#include "engine/livy/repl_messages.h"

namespace jobflow::engine::livy {

// The server's end of one connection to a session's interpreter.
class ReplLink {
 public:
  virtual ~ReplLink() = default;
  // Queues one message (a line from repl_*_op); dropped once the link is closed.
  virtual void send(std::string line) = 0;
  // Closes the connection; no callback follows.
  virtual void close() = 0;
};

struct ReplHandler {
  std::function<void(ReplEvent)> on_event;            // the hello first, then the rest, in order
  std::function<void(std::string reason)> on_closed;  // once, when the link fails or the peer goes
};

// Opens links. The real one connects over TCP on 127.0.0.1 (TcpReplConnector); tests may fake it.
class ReplConnector {
 public:
  virtual ~ReplConnector() = default;
  // Connects to the interpreter listening on 127.0.0.1:`port` and authenticates with `token`.
  // Returns at once; the handler's callbacks run on the connector's thread, one at a time.
  virtual std::shared_ptr<ReplLink> connect(int port, std::string token, ReplHandler handler) = 0;
};

}  // namespace jobflow::engine::livy
