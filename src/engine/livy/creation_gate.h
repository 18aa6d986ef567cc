#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

namespace jobflow::engine::livy {

// Livy's livy.server.session.max-creation: how many batches and sessions may be starting at once.
// A batch or session holds a Slot from its creation until its job runs (a batch: the program has
// been started; a session: its interpreter answered) or it ended. Shared by batches and sessions.
class CreationGate {
 public:
  // One place in the gate, given back when destroyed or reset.
  class Slot {
   public:
    explicit Slot(CreationGate* gate) : gate_(gate) {}
    Slot(Slot&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
    Slot& operator=(Slot&& other) noexcept {
      if (this != &other) {
        release();
        gate_ = std::exchange(other.gate_, nullptr);
      }
      return *this;
    }
    ~Slot() { release(); }
    void release() {
      if (gate_) std::exchange(gate_, nullptr)->give_back();
    }

   private:
    CreationGate* gate_;
  };

  explicit CreationGate(std::int64_t limit) : limit_(limit) {}

  // nullopt when `limit` slots are taken (a limit of 0 or less: no limit).
  std::optional<Slot> try_acquire() {
    std::lock_guard lock(mu_);
    if (limit_ > 0 && in_flight_ >= limit_) return std::nullopt;
    ++in_flight_;
    return Slot(this);
  }
  std::int64_t in_flight() const {
    std::lock_guard lock(mu_);
    return in_flight_;
  }

 private:
  void give_back() {
    std::lock_guard lock(mu_);
    if (in_flight_ > 0) --in_flight_;
  }

  mutable std::mutex mu_;
  std::int64_t limit_;
  std::int64_t in_flight_ = 0;
};

}  // namespace jobflow::engine::livy
