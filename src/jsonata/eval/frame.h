#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jsonata/value/value.h"

namespace jobflow::jsonata {

class Frame;
using FramePtr = std::shared_ptr<Frame>;

// A scope of variable bindings: a block, a lambda call, a tuple of a path's tuple stream, the
// evaluation's root (the input as $$ and the caller's bindings) and the built-in functions.
// Closures keep their frame alive; a lookup walks out through the enclosing frames.
class Frame {
 public:
  explicit Frame(FramePtr parent = nullptr) : parent_(std::move(parent)) {}

  void bind(std::string_view name, Value value);
  // The bound value, or undefined.
  Value lookup(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, Value>> bindings_;  // few per frame: a scan beats hashing
  FramePtr parent_;
};

}  // namespace jobflow::jsonata
