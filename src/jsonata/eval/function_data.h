#pragma once

#include <functional>
#include <memory>
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

  // kChain
  Value first, second;

  // Keeps the tree that `body` and `signature` point into alive as long as the function is
  // (a lambda can outlive the evaluation that made it, e.g. through $eval).
  std::shared_ptr<const void> tree;

  const Signature* validation_signature() const {
    return kind == Kind::kNative ? own_signature.get() : signature;
  }
};

}  // namespace jobflow::jsonata
