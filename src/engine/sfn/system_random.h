#pragma once

#include <mutex>
#include <random>

#include "asl/value/scope.h"

namespace jobflow::engine::sfn {

// States.UUID / States.MathRandom randomness for executions (server and `jobflow sfn run --local`).
class SystemRandom final : public asl::Random {
 public:
  SystemRandom() : engine_(std::random_device{}()) {}
  std::uint64_t next() override {
    std::lock_guard lock(mutex_);  // executions on several threads share one source
    return engine_();
  }

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

}  // namespace jobflow::engine::sfn
