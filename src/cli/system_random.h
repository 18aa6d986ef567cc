#pragma once

#include <random>

#include "asl/value/scope.h"

namespace jobflow::cli {

// States.UUID / States.MathRandom randomness for executions run by the CLI itself.
class SystemRandom final : public asl::Random {
 public:
  SystemRandom() : engine_(std::random_device{}()) {}
  std::uint64_t next() override { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace jobflow::cli
