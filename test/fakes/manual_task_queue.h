#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>

#include "base/manual_clock.h"
#include "engine/task_queue.h"

namespace jobflow::testing {

// A TaskQueue that runs tasks only when the test says so, with timers on a ManualClock.
class ManualTaskQueue final : public engine::TaskQueue {
 public:
  explicit ManualTaskQueue(ManualClock& clock) : clock_(clock) {}

  void post(std::function<void()> task) override {
    std::lock_guard lock(mu_);
    ready_.push_back(std::move(task));
  }
  TimerId post_at(TimestampMs when_ms, std::function<void()> task) override {
    std::lock_guard lock(mu_);
    const TimerId id = next_++;
    timers_.emplace(id, Timer{when_ms, std::move(task)});
    return id;
  }
  void cancel(TimerId id) override {
    std::lock_guard lock(mu_);
    timers_.erase(id);
  }

  // Runs posted tasks (and what they post) until none is left.
  void run() {
    for (;;) {
      std::function<void()> task;
      {
        std::lock_guard lock(mu_);
        if (ready_.empty()) return;
        task = std::move(ready_.front());
        ready_.pop_front();
      }
      task();
    }
  }
  // Moves the clock and fires the timers that became due, in time order, then runs tasks.
  void advance_ms(TimestampMs delta) {
    clock_.advance_ms(delta);
    for (;;) {
      std::function<void()> task;
      {
        std::lock_guard lock(mu_);
        auto due = timers_.end();
        for (auto it = timers_.begin(); it != timers_.end(); ++it)
          if (it->second.when <= clock_.now_ms() && (due == timers_.end() || it->second.when < due->second.when)) due = it;
        if (due == timers_.end()) break;
        task = std::move(due->second.task);
        timers_.erase(due);
      }
      task();
      run();
    }
    run();
  }
  // Drops every queued task and timer: a server restart loses them (the services that posted
  // them are gone).
  void clear() {
    std::lock_guard lock(mu_);
    ready_.clear();
    timers_.clear();
  }
  std::size_t timer_count() const {
    std::lock_guard lock(mu_);
    return timers_.size();
  }

 private:
  struct Timer {
    TimestampMs when;
    std::function<void()> task;
  };
  ManualClock& clock_;
  mutable std::mutex mu_;
  std::deque<std::function<void()>> ready_;
  std::map<TimerId, Timer> timers_;
  TimerId next_ = 1;
};

}  // namespace jobflow::testing
