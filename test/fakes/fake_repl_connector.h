#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/livy/repl_link.h"

namespace jobflow::testing {

// A ReplConnector without sockets: each connect() makes a FakeReplLink that records what the
// server sends; the test plays the interpreter by calling its handler.
class FakeReplConnector final : public engine::livy::ReplConnector {
 public:
  class Link final : public engine::livy::ReplLink {
   public:
    Link(int port, std::string token, engine::livy::ReplHandler handler)
        : port(port), token(std::move(token)), handler(std::move(handler)) {}
    void send(std::string line) override {
      std::lock_guard lock(mu);
      if (!closed) sent.push_back(std::move(line));
    }
    void close() override {
      std::lock_guard lock(mu);
      closed = true;
    }
    std::vector<std::string> take() {
      std::lock_guard lock(mu);
      return std::exchange(sent, {});
    }

    const int port;
    const std::string token;
    engine::livy::ReplHandler handler;
    std::mutex mu;
    std::vector<std::string> sent;
    bool closed = false;
  };

  std::shared_ptr<engine::livy::ReplLink> connect(int port, std::string token,
                                                  engine::livy::ReplHandler handler) override {
    auto link = std::make_shared<Link>(port, std::move(token), std::move(handler));
    links.push_back(link);
    return link;
  }

  std::vector<std::shared_ptr<Link>> links;
};

}  // namespace jobflow::testing
