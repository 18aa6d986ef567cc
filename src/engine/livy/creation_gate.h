#pragma once

#include <cstdint>
#include <mutex>

namespace jobflow::engine::livy {

// Livy's livy.server.session.max-creation: how many batches and sessions may be starting at once.
// A batch or session holds a slot from its creation until its job runs (a batch: the program has
// been started; a session: its interpreter answered) or it ended. Shared by batches and sessions.
class CreationGate {
 public:
  explicit CreationGate(std::int64_t limit) : limit_(limit) {}
  bool try_acquire() {
    std::lock_guard lock(mu_);
    if (limit_ > 0 && in_flight_ >= limit_) return false;
    ++in_flight_;
    return true;
  }
  void release() {
    std::lock_guard lock(mu_);
    if (in_flight_ > 0) --in_flight_;
  }
  std::int64_t in_flight() const {
    std::lock_guard lock(mu_);
    return in_flight_;
  }

 private:
  mutable std::mutex mu_;
  std::int64_t limit_;
  std::int64_t in_flight_ = 0;
};

}  // namespace jobflow::engine::livy
