#include "http/server_context.h"

#include <string>


namespace jobflow::http {

ServerContext::ServerContext(Handler& handler, Metrics& metrics, ServerOptions options)
    : handler_(handler),
      metrics_(metrics),
      options_(std::move(options)),
      duration_(metrics.histogram("jobflow_http_request_duration_seconds")) {}

ServerContext::~ServerContext() = default;

bool ServerContext::attach(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mu_);
  if (stopping_.load(std::memory_order_relaxed)) return false;
  connections_.emplace(connection.get(), connection);
  return true;
}

void ServerContext::detach(const Connection* connection) {
  std::lock_guard lock(mu_);
  if (connections_.erase(connection) > 0 && connections_.empty()) closed_cv_.notify_all();
}

std::vector<std::shared_ptr<Connection>> ServerContext::begin_stop() {
  {
    std::lock_guard lock(mu_);
    stopping_.store(true, std::memory_order_release);
  }
  return live();
}

std::vector<std::shared_ptr<Connection>> ServerContext::live() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<Connection>> out;
  out.reserve(connections_.size());
  for (const auto& [ptr, weak] : connections_) {
    if (auto c = weak.lock()) out.push_back(std::move(c));
  }
  return out;
}

bool ServerContext::wait_until_closed(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  return closed_cv_.wait_until(lock, deadline, [this] { return connections_.empty(); });
}

void ServerContext::record(int status, double seconds) {
  duration_.observe(seconds);
  if (status < 0 || status >= kMaxStatus) return;
  auto& slot = by_status_[static_cast<std::size_t>(status)];
  Metrics::Counter* counter = slot.load(std::memory_order_acquire);
  if (counter == nullptr) {
    // Two threads may race here; Metrics::counter returns the same object to both.
    counter = &metrics_.counter("jobflow_http_requests_total", "code=\"" + std::to_string(status) + "\"");
    slot.store(counter, std::memory_order_release);
  }
  counter->inc();
}

}  // namespace jobflow::http
