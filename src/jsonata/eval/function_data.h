#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "jsonata/eval/frame.h"
#include "jsonata/syntax/node.h"
#include "jsonata/syntax/signature.h"
#include "jsonata/value/value.h"

namespace jobflow::jsonata {

class Evaluator;

// What a built-in function sees besides its arguments: the evaluator (to apply function
// arguments), the context value and the calling scope.
struct NativeCall {
  Evaluator& evaluator;
  const Value& input;
  const FramePtr& environment;
};

using NativeImplementation = std::function<Value(NativeCall& call, std::span<const Value> args)>;

// Something computed once from a function value's constant fields and kept with it (a regular
// expression compiled on its first use). Filling it is safe from any thread; a copy starts empty.
class ComputedOnce {
 public:
  ComputedOnce() = default;
  ComputedOnce(const ComputedOnce&) {}
  ComputedOnce& operator=(const ComputedOnce&) { return *this; }

  // The stored value, made by `make()` the first time.
  template <class Make>
  std::shared_ptr<const void> get(Make&& make) const {
    std::lock_guard lock(mutex_);
    if (!value_) value_ = make();
    return value_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const void> value_;
};

// A function value.
//   kLambda: function($a, $b)<sig>{ body } with its closure (the frame and the context value
//            where it was defined); a partial application is a lambda with the placed
//            arguments bound in its frame and the placeholders as parameters; when `native` is
//            set the body is that built-in, called with the parameters' values (a partial
//            application of a built-in).
//   kNative: a built-in function (or a transform's | … | … |), with its signature.
//   kRegex:  a regular expression literal; the string functions match with it.
//   kChain:  f ~> g of two functions: g(f(x)).
struct FunctionData {
  enum class Kind { kLambda, kNative, kRegex, kChain };
  Kind kind = Kind::kLambda;

  // kLambda
  std::vector<std::string> parameters;  // without the '$'
  const Node* body = nullptr;
  const Signature* signature = nullptr;  // points into the syntax tree, or at `own_signature`
  Value input;
  FramePtr environment;
  bool thunk = false;
  std::shared_ptr<const FunctionData> native;

  // kNative
  std::string name;
  std::shared_ptr<const Signature> own_signature;
  NativeImplementation implementation;
  int arity = 0;  // how many arguments it declares (higher-order functions pass that many)

  // kRegex
  std::string pattern;
  std::string flags;
  ComputedOnce compiled_regex;  // the string library's compiled form (functions/regex_matcher.h)

  // kChain
  Value first, second;

  // Keeps the tree that `body` and `signature` point into alive as long as the function is
  // (a lambda can outlive the evaluation that made it, e.g. through $eval).
  std::shared_ptr<const void> tree;

  const Signature* validation_signature() const {
    return kind == Kind::kNative ? own_signature.get() : signature;
  }
};

// How a regular expression value is applied as a function: the reference's matcher closure,
// (string, from index?) → {match, start, end, groups, next} or undefined. The string library
// installs it when it registers (functions/regex_matcher.cc): eval cannot depend on functions.
using RegexApplication = Value (*)(NativeCall& call, const FunctionData& regex, std::span<const Value> args);
inline RegexApplication& regex_application() {
  static RegexApplication application = nullptr;
  return application;
}

}  // namespace jobflow::jsonata
