#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "asl/value/scope.h"

namespace jobflow::asl {

// The variables of one scope (the execution's top level, a Parallel branch, a Map iteration).
// Inner scopes read the outer ones but assign only their own, so a branch never changes what
// its siblings or its parent see.
class VariableScope final : public Variables {
 public:
  explicit VariableScope(std::shared_ptr<const VariableScope> outer = nullptr) : outer_(std::move(outer)) {}

  const JsonPtr* find(std::string_view name) const override {
    for (const VariableScope* s = this; s != nullptr; s = s->outer_.get()) {
      auto it = s->values_.find(std::string(name));
      if (it != s->values_.end()) return &it->second;
    }
    return nullptr;
  }

  void assign(std::string name, JsonPtr value) { values_[std::move(name)] = std::move(value); }
  const std::unordered_map<std::string, JsonPtr>& own() const { return values_; }
  bool empty() const { return values_.empty() && (outer_ == nullptr || outer_->empty()); }

 private:
  std::shared_ptr<const VariableScope> outer_;
  std::unordered_map<std::string, JsonPtr> values_;
};

}  // namespace jobflow::asl
