#include "jsonata/eval/frame.h"

namespace jobflow::jsonata {
namespace {

// FNV-1a: names are short, so a simple inline hash is the cheapest.
std::size_t name_hash(std::string_view name) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return static_cast<std::size_t>(h ^ (h >> 32));
}

}  // namespace

std::size_t Frame::find(std::string_view name) const {
  if (!index_.empty()) {
    const std::size_t mask = index_.size() - 1;
    for (std::size_t slot = name_hash(name) & mask;; slot = (slot + 1) & mask) {
      const std::uint32_t entry = index_[slot];
      if (entry == 0) return kNotFound;
      if (bindings_[entry - 1].first == name) return entry - 1;
    }
  }
  for (std::size_t i = 0; i < bindings_.size(); ++i) {
    const std::string& key = bindings_[i].first;
    // Names are short: the first character rules out most before comparing the rest.
    if (key.size() == name.size() && (name.empty() || (key[0] == name[0] && key == name))) return i;
  }
  return kNotFound;
}

void Frame::rebuild_index() {
  std::size_t size = 32;
  while (size < bindings_.size() * 2) size *= 2;
  index_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::size_t i = 0; i < bindings_.size(); ++i) {
    std::size_t slot = name_hash(bindings_[i].first) & mask;
    while (index_[slot] != 0) slot = (slot + 1) & mask;
    index_[slot] = static_cast<std::uint32_t>(i + 1);
  }
}

void Frame::bind(std::string_view name, Value value) {
  if (const std::size_t i = find(name); i != kNotFound) {
    bindings_[i].second = std::move(value);
    return;
  }
  bindings_.emplace_back(std::string(name), std::move(value));
  if (bindings_.size() >= kIndexFrom && bindings_.size() * 2 > index_.size()) {
    rebuild_index();
  } else if (!index_.empty()) {
    const std::size_t mask = index_.size() - 1;
    std::size_t slot = name_hash(bindings_.back().first) & mask;
    while (index_[slot] != 0) slot = (slot + 1) & mask;
    index_[slot] = static_cast<std::uint32_t>(bindings_.size());
  }
}

Value Frame::lookup(std::string_view name) const {
  for (const Frame* frame = this; frame; frame = frame->parent_.get()) {
    if (const std::size_t i = frame->find(name); i != kNotFound) return frame->bindings_[i].second;
  }
  return {};
}

}  // namespace jobflow::jsonata
