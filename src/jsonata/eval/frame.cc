#include "jsonata/eval/frame.h"

namespace jobflow::jsonata {

void Frame::bind(std::string_view name, Value value) {
  for (auto& [k, v] : bindings_) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  bindings_.emplace_back(std::string(name), std::move(value));
}

Value Frame::lookup(std::string_view name) const {
  for (const Frame* frame = this; frame; frame = frame->parent_.get()) {
    for (const auto& [k, v] : frame->bindings_)
      if (k == name) return v;
  }
  return {};
}

}  // namespace jobflow::jsonata
