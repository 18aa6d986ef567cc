#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "executor/local/unique_fd.h"

namespace jobflow::executor {

// The executor's own thread: a Boost.Asio io_context that waits, event-driven, for pidfds to
// become readable (the process has exited) and runs the callbacks. All callbacks run on this one
// thread, one at a time. Kept behind a pimpl so that Asio is compiled in one file only.
class PidWatcher {
 public:
  PidWatcher();
  ~PidWatcher();  // stop() + join
  PidWatcher(const PidWatcher&) = delete;
  PidWatcher& operator=(const PidWatcher&) = delete;

  // Runs `fn` on the watcher thread.
  void post(std::function<void()> fn);
  // Runs `fn` on the watcher thread once `pidfd` polls readable. If the descriptor cannot be
  // registered, `fn` runs after a second instead; callers re-check state, so a spurious call is
  // harmless.
  void when_readable(UniqueFd pidfd, std::function<void()> fn);
  // Runs `fn` on the watcher thread after `delay`.
  void after(std::chrono::milliseconds delay, std::function<void()> fn);

  // Stops the thread; pending waits are dropped without calling their callbacks. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jobflow::executor
