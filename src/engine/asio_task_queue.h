#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "base/clock.h"
#include "engine/task_queue.h"

namespace jobflow::engine {

// TaskQueue on a dedicated thread running an io_context. Tasks run one at a time, in post order.
class AsioTaskQueue final : public TaskQueue {
 public:
  explicit AsioTaskQueue(const Clock& clock);
  ~AsioTaskQueue() override;

  void post(std::function<void()> task) override;
  TimerId post_at(TimestampMs when_ms, std::function<void()> task) override;
  void cancel(TimerId id) override;
  // Runs what is queued, then stops the thread. Later posts are dropped.
  void stop();

 private:
  const Clock& clock_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::mutex mu_;
  TimerId next_id_ = 1;
  std::unordered_map<TimerId, std::shared_ptr<boost::asio::steady_timer>> timers_;
  std::thread thread_;
};

}  // namespace jobflow::engine
