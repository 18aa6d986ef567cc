#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "asl/value/json.h"

namespace jobflow::asl {

// The variables visible to a state (Assign); an execution's engine implements it.
class Variables {
 public:
  virtual ~Variables() = default;
  // nullptr when no variable of that name is visible.
  virtual const JsonPtr* find(std::string_view name) const = 0;
};

// Randomness for States.UUID and States.MathRandom. asl/ does no I/O: the engine injects a real
// source, tests a fixed one.
class Random {
 public:
  virtual ~Random() = default;
  virtual std::uint64_t next() = 0;  // uniformly distributed 64 bits
};

// What a path, a payload template, an intrinsic or a choice rule is evaluated against.
struct Scope {
  JsonPtr input;                       // `$`: the effective input at that point of the state
  JsonPtr context;                     // `$$`: the context object (may be null: then `{}`)
  const Variables* variables = nullptr;  // `$name`; nullptr: no variables
  Random* random = nullptr;            // nullptr: States.UUID / MathRandom fail
};

}  // namespace jobflow::asl
