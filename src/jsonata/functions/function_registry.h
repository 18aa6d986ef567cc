#pragma once

#include <string_view>

#include "jsonata/eval/frame.h"
#include "jsonata/eval/function_data.h"

namespace jobflow::jsonata {

// Binds built-in functions into a frame. `signature` is the reference's (e.g. "<s-nn?:s>"),
// checked on every call; `arity` is how many parameters the built-in declares (what
// higher-order functions pass to it, and what partial application binds).
class FunctionRegistry {
 public:
  explicit FunctionRegistry(Frame& frame) : frame_(frame) {}
  void define(std::string_view name, std::string_view signature, int arity, NativeImplementation implementation);

 private:
  Frame& frame_;
};

// An argument, or undefined when the caller passed fewer.
inline const Value& argument(std::span<const Value> args, std::size_t index) {
  static const Value kUndefined;
  return index < args.size() ? args[index] : kUndefined;
}

}  // namespace jobflow::jsonata
