#include "engine/asio_task_queue.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace jobflow::engine {
namespace {

void run_guarded(const std::function<void()>& task) {
  try {
    task();
  } catch (const std::exception& e) {
    spdlog::error("event=task_failed error=\"{}\"", e.what());
  }
}

}  // namespace

AsioTaskQueue::AsioTaskQueue(const Clock& clock)
    : clock_(clock), work_(boost::asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}

AsioTaskQueue::~AsioTaskQueue() { stop(); }

void AsioTaskQueue::stop() {
  {
    std::lock_guard lock(mu_);
    for (auto& [id, timer] : timers_) timer->cancel();
    timers_.clear();
  }
  work_.reset();
  if (thread_.joinable()) {
    if (std::this_thread::get_id() == thread_.get_id()) {
      thread_.detach();
    } else {
      thread_.join();
    }
  }
}

void AsioTaskQueue::post(std::function<void()> task) {
  boost::asio::post(io_, [task = std::move(task)] { run_guarded(task); });
}

TaskQueue::TimerId AsioTaskQueue::post_at(TimestampMs when_ms, std::function<void()> task) {
  auto timer = std::make_shared<boost::asio::steady_timer>(io_);
  const auto delay = std::max<TimestampMs>(0, when_ms - clock_.now_ms());
  timer->expires_after(std::chrono::milliseconds(delay));
  TimerId id;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    timers_[id] = timer;
  }
  timer->async_wait([this, id, timer, task = std::move(task)](const boost::system::error_code& ec) {
    {
      std::lock_guard lock(mu_);
      timers_.erase(id);
    }
    if (!ec) run_guarded(task);
  });
  return id;
}

void AsioTaskQueue::cancel(TimerId id) {
  std::lock_guard lock(mu_);
  if (auto it = timers_.find(id); it != timers_.end()) {
    it->second->cancel();
    timers_.erase(it);
  }
}

}  // namespace jobflow::engine
