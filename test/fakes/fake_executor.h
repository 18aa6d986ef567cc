#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "executor/executor.h"

namespace jobflow::testing {

// An Executor that runs nothing: tests decide when and how each job ends.
class FakeExecutor final : public executor::Executor {
 public:
  struct Job {
    executor::JobSpec spec;
    bool started = false;
    std::vector<std::function<void(const executor::JobExit&)>> watchers;
    std::optional<executor::JobExit> exit;
    std::vector<executor::CancelMode> signals;
  };

  std::string_view name() const override { return "fake"; }
  executor::JobHandle prepare(const executor::JobSpec& spec) const override {
    return {"fake", spec.job_id, "/fake/run/" + spec.job_id, spec.log_dir, {}};
  }
  Status start(const executor::JobHandle& handle, const executor::JobSpec& spec) override {
    std::lock_guard lock(mu_);
    if (start_hook) start_hook(handle);
    if (fail_starts) return fail(Error::internal("spawner unavailable"));
    auto& job = jobs_[handle.job_id];
    if (job.started) return {};
    job.spec = spec;
    job.started = true;
    start_order.push_back(handle.job_id);
    return {};
  }
  void watch(const executor::JobHandle& handle, std::function<void(const executor::JobExit&)> on_exit) override {
    std::unique_lock lock(mu_);
    auto& job = jobs_[handle.job_id];
    if (job.exit) {
      auto exit = *job.exit;
      lock.unlock();
      on_exit(exit);
      return;
    }
    job.watchers.push_back(std::move(on_exit));
  }
  Result<executor::JobStatus> poll(const executor::JobHandle& handle) override {
    std::lock_guard lock(mu_);
    executor::JobStatus s;
    auto it = jobs_.find(handle.job_id);
    if (it == jobs_.end() || !it->second.started) return s;
    s.phase = it->second.exit ? executor::JobStatus::Phase::kEnded : executor::JobStatus::Phase::kRunning;
    s.exit = it->second.exit;
    return s;
  }
  Status cancel(const executor::JobHandle& handle, executor::CancelMode mode) override {
    std::lock_guard lock(mu_);
    jobs_[handle.job_id].signals.push_back(mode);
    return {};
  }
  void shutdown() override {}

  // Ends a job: watchers hear about it now, later watchers at once.
  void finish(const std::string& job_id, int code) {
    executor::JobExit exit;
    exit.code = code;
    end(job_id, exit);
  }
  void kill(const std::string& job_id, int signal) {
    executor::JobExit exit;
    exit.kind = executor::JobExit::Kind::kSignaled;
    exit.signal = signal;
    end(job_id, exit);
  }
  void end(const std::string& job_id, executor::JobExit exit) {
    std::vector<std::function<void(const executor::JobExit&)>> watchers;
    {
      std::lock_guard lock(mu_);
      auto& job = jobs_[job_id];
      job.exit = exit;
      watchers.swap(job.watchers);
    }
    for (auto& w : watchers) w(exit);
  }
  // Forgets who watches (a server restart), keeping the jobs and their fates.
  void forget_watchers() {
    std::lock_guard lock(mu_);
    for (auto& [id, job] : jobs_) job.watchers.clear();
  }
  bool started(const std::string& job_id) const {
    std::lock_guard lock(mu_);
    auto it = jobs_.find(job_id);
    return it != jobs_.end() && it->second.started;
  }
  std::vector<executor::CancelMode> signals(const std::string& job_id) const {
    std::lock_guard lock(mu_);
    auto it = jobs_.find(job_id);
    return it == jobs_.end() ? std::vector<executor::CancelMode>{} : it->second.signals;
  }
  executor::JobSpec spec(const std::string& job_id) const {
    std::lock_guard lock(mu_);
    return jobs_.at(job_id).spec;
  }
  std::size_t running() const {
    std::lock_guard lock(mu_);
    std::size_t n = 0;
    for (const auto& [id, job] : jobs_) n += job.started && !job.exit;
    return n;
  }

  std::vector<std::string> start_order;
  bool fail_starts = false;
  std::function<void(const executor::JobHandle&)> start_hook;

 private:
  mutable std::mutex mu_;
  std::map<std::string, Job> jobs_;
};

}  // namespace jobflow::testing
