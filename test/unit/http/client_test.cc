#include "http/client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "server_fixture.h"

namespace jobflow::http {
namespace {

// A port nobody listens on: bound (so nobody else takes it) but not listening.
class UnusedPort {
 public:
  UnusedPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~UnusedPort() { ::close(fd_); }
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// Answers each connection's first request and then closes it, without saying so: exactly what
// a kept-alive client sees when a server drops an idle connection.
class OneShotServer {
 public:
  OneShotServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~OneShotServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }

 private:
  void serve() {
    while (true) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++connections_;
      std::string in;
      char buf[1024];
      while (in.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        in.append(buf, static_cast<std::size_t>(n));
      }
      const std::string body = std::to_string(connections_.load());
      const std::string out = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }

  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<int> connections_{0};
  std::thread thread_;
};

TEST(ClientTest, ConnectionRefusedNamesTheUrl) {
  UnusedPort unused;
  Client c;
  const std::string url = "http://127.0.0.1:" + std::to_string(unused.port()) + "/batches";
  const auto r = c.get(url);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_NE(r.error().message.find(url), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("refused"), std::string::npos) << r.error().message;
}

TEST(ClientTest, BadUrlsAreInvalidInput) {
  Client c;
  auto r = c.get("https://127.0.0.1/x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  r = c.get("/needs-a-base");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
}

TEST(ClientTest, ReopensAConnectionTheServerClosed) {
  OneShotServer server;
  Client c;
  const std::string url = "127.0.0.1:" + std::to_string(server.port()) + "/x";
  for (int i = 1; i <= 3; ++i) {
    const auto r = c.get(url);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, std::to_string(i));
  }
  EXPECT_EQ(server.connections(), 3);
}

class ClientServerTest : public testing::ServerFixture {};

TEST_F(ClientServerTest, TimesOutWithAClearError) {
  auto c = client(std::chrono::milliseconds(100));
  const auto r = c.get("/park");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("timed out"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(base_url() + "/park"), std::string::npos) << r.error().message;
  auto reply = parked_.take();
  ASSERT_TRUE(reply.has_value());
  (*reply)(Response::json(200, "{}"));  // the client has gone; the server copes
  const auto again = c.get("/batches");  // and the client reconnects
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->status, 200);
}

TEST_F(ClientServerTest, FullUrlAndBaseUrlWithPath) {
  Client plain;
  auto r = plain.get(base_url() + "/batches/5");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"id":"5"})");

  ClientOptions o;
  o.base_url = base_url() + "/batches/";
  Client based(o);
  r = based.get("/6");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"id":"6"})");
}

TEST_F(ClientServerTest, ClientIsMovable) {
  Client a = client();
  Client b = std::move(a);
  const auto r = b.get("/batches");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

}  // namespace
}  // namespace jobflow::http
