#include "executor/local/pid_watcher.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

namespace jobflow::executor {
namespace {

void run_guarded(const std::function<void()>& fn) {
  // A throwing callback must not take the watcher thread (and every other watch) down with it.
  try {
    fn();
  } catch (const std::exception& e) {
    spdlog::error("executor callback failed: {}", e.what());
  } catch (...) {
    spdlog::error("executor callback failed");
  }
}

}  // namespace

struct PidWatcher::Impl {
  boost::asio::io_context io{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::thread thread;
  std::once_flag stopped;

  void schedule(std::chrono::milliseconds delay, std::function<void()> fn) {
    auto timer = std::make_shared<boost::asio::steady_timer>(io, delay);
    timer->async_wait([timer, fn = std::move(fn)](const boost::system::error_code& ec) {
      if (!ec) run_guarded(fn);
    });
  }
};

PidWatcher::PidWatcher() : impl_(std::make_unique<Impl>()) {
  impl_->thread = std::thread([impl = impl_.get()] {
    for (;;) {
      try {
        impl->io.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("executor watcher: {}", e.what());
      }
    }
  });
}

PidWatcher::~PidWatcher() {
  stop();
  if (impl_->thread.joinable()) {
    // Destroyed from one of its own callbacks: the thread cannot join itself.
    if (impl_->thread.get_id() == std::this_thread::get_id()) {
      impl_->thread.detach();
    } else {
      impl_->thread.join();
    }
  }
}

void PidWatcher::post(std::function<void()> fn) {
  boost::asio::post(impl_->io, [fn = std::move(fn)] { run_guarded(fn); });
}

void PidWatcher::when_readable(UniqueFd pidfd, std::function<void()> fn) {
  Impl* impl = impl_.get();
  boost::asio::post(impl->io, [impl, fd = std::move(pidfd), fn = std::move(fn)]() mutable {
    std::shared_ptr<boost::asio::posix::stream_descriptor> descriptor;
    try {
      descriptor = std::make_shared<boost::asio::posix::stream_descriptor>(impl->io, fd.get());
      fd.release();  // owned by the descriptor now
      descriptor->async_wait(boost::asio::posix::stream_descriptor::wait_read,
                             [descriptor, fn](const boost::system::error_code& ec) {
                               if (ec == boost::asio::error::operation_aborted) return;
                               run_guarded(fn);
                             });
    } catch (const std::exception& e) {
      spdlog::warn("executor watcher: cannot wait on pidfd ({}); checking again in 1 s", e.what());
      impl->schedule(std::chrono::seconds(1), std::move(fn));
    }
  });
}

void PidWatcher::after(std::chrono::milliseconds delay, std::function<void()> fn) {
  Impl* impl = impl_.get();
  boost::asio::post(impl->io, [impl, delay, fn = std::move(fn)]() mutable {
    impl->schedule(delay, std::move(fn));
  });
}

void PidWatcher::stop() {
  std::call_once(impl_->stopped, [this] {
    impl_->work.reset();
    impl_->io.stop();
    if (impl_->thread.joinable() && impl_->thread.get_id() != std::this_thread::get_id()) {
      impl_->thread.join();
    }
  });
}

}  // namespace jobflow::executor
