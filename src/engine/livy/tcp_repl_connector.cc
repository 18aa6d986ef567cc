#include "engine/livy/tcp_repl_connector.h"

#include <deque>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace jobflow::engine::livy {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {
// A statement's output travels as one line; anything longer is a broken interpreter.
constexpr std::size_t kMaxLineBytes = 256u << 20;
}  // namespace

// Lives on the connector's thread: every member is touched only there (calls from other threads
// are posted), so it needs no lock.
class TcpReplConnector::Link final : public ReplLink, public std::enable_shared_from_this<Link> {
 public:
  Link(asio::io_context& io, ReplHandler handler)
      : io_(io), socket_(io), input_(kMaxLineBytes), handler_(std::move(handler)) {}

  void start(int port, std::string token) {
    auto self = shared_from_this();
    out_.push_back(repl_hello_op(token));
    socket_.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), static_cast<unsigned short>(port)),
                          [self](const boost::system::error_code& ec) {
                            if (ec) return self->fail("cannot connect to the interpreter: " + ec.message());
                            boost::system::error_code ignored;
                            self->socket_.set_option(tcp::no_delay(true), ignored);
                            self->write_next();
                            self->read_next();
                          });
  }

  void send(std::string line) override {
    asio::post(io_, [self = shared_from_this(), line = std::move(line)]() mutable {
      if (self->closed_) return;
      self->out_.push_back(std::move(line));
      if (self->out_.size() == 1 && self->connected_) self->write_next();
    });
  }

  void close() override {
    asio::post(io_, [self = shared_from_this()] { self->shutdown(); });
  }

  void shutdown() {
    if (closed_) return;
    closed_ = true;
    boost::system::error_code ignored;
    socket_.close(ignored);
    out_.clear();
  }

 private:
  void write_next() {
    connected_ = true;
    if (closed_ || out_.empty() || writing_) return;
    writing_ = true;
    asio::async_write(socket_, asio::buffer(out_.front()),
                      [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                        self->writing_ = false;
                        if (self->closed_) return;
                        if (ec) return self->fail("cannot write to the interpreter: " + ec.message());
                        self->out_.pop_front();
                        self->write_next();
                      });
  }

  void read_next() {
    asio::async_read_until(socket_, input_, '\n',
                           [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                             if (self->closed_) return;
                             if (ec) {
                               return self->fail(ec == asio::error::eof ? "the interpreter closed the connection"
                                                                        : "lost the interpreter: " + ec.message());
                             }
                             std::string line(asio::buffers_begin(self->input_.data()),
                                              asio::buffers_begin(self->input_.data()) + static_cast<std::ptrdiff_t>(n - 1));
                             self->input_.consume(n);
                             auto event = parse_repl_event(line);
                             if (!event) return self->fail(event.error().message);
                             if (self->handler_.on_event) self->handler_.on_event(std::move(*event));
                             if (!self->closed_) self->read_next();
                           });
  }

  void fail(std::string reason) {
    if (closed_) return;
    shutdown();
    if (handler_.on_closed) handler_.on_closed(std::move(reason));
  }

  asio::io_context& io_;
  tcp::socket socket_;
  asio::streambuf input_;
  std::deque<std::string> out_;
  ReplHandler handler_;
  bool connected_ = false;
  bool writing_ = false;
  bool closed_ = false;
};

TcpReplConnector::TcpReplConnector() : work_(io_.get_executor()), thread_([this] { io_.run(); }) {}

TcpReplConnector::~TcpReplConnector() { stop(); }

std::shared_ptr<ReplLink> TcpReplConnector::connect(int port, std::string token, ReplHandler handler) {
  auto link = std::make_shared<Link>(io_, std::move(handler));
  asio::post(io_, [link, port, token = std::move(token)]() mutable { link->start(port, std::move(token)); });
  return link;
}

void TcpReplConnector::stop() {
  if (!thread_.joinable()) return;
  work_.reset();
  io_.stop();
  thread_.join();
}

}  // namespace jobflow::engine::livy
