#pragma once

#include <memory>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "engine/livy/repl_link.h"

namespace jobflow::engine::livy {

// ReplConnector over TCP on 127.0.0.1, on one thread of its own running an io_context: every
// interpreter connection of the server is served there, none holds a thread.
class TcpReplConnector final : public ReplConnector {
 public:
  TcpReplConnector();
  ~TcpReplConnector() override;

  std::shared_ptr<ReplLink> connect(int port, std::string token, ReplHandler handler) override;
  // Closes every link (without callbacks) and stops the thread.
  void stop();

 private:
  class Link;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::thread thread_;
};

}  // namespace jobflow::engine::livy
