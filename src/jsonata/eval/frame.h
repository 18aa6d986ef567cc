#pragma once

#include <cstdint>
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
  // Room for n bindings (a lambda's parameters), made before binding them.
  void reserve(std::size_t n) { bindings_.reserve(n); }
  // Drops every binding: how an evaluation that is over breaks the cycles its closures made
  // (a frame holding a function whose closure is that frame).
  void clear() {
    bindings_.clear();
    index_.clear();
  }

 private:
  static constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

  // Where the binding named `name` is in this frame only, or kNotFound.
  std::size_t find(std::string_view name) const;
  void rebuild_index();

  // Few per frame, where a scan beats hashing; a frame with many (the standard library's) also
  // has an open-addressing index: slots of binding positions + 1 (0 = empty), a power of two
  // at least twice the bindings.
  static constexpr std::size_t kIndexFrom = 16;
  std::vector<std::pair<std::string, Value>> bindings_;
  std::vector<std::uint32_t> index_;
  FramePtr parent_;
};

}  // namespace jobflow::jsonata
