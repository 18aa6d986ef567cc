#pragma once

#include <memory>

#include "asl/compile/program.h"
#include "asl/value/diagnostic.h"

namespace jobflow::asl {

// Turns a definition into a Program: names resolved to indices, paths, templates, intrinsics and
// choice rules parsed once. Meant to run after validate/ accepted the definition, but checks
// every assumption it makes and answers a Diagnostic instead of trusting the input.
class Compiler {
 public:
  static Parsed<std::shared_ptr<const Program>> compile(const Json& definition);
};

}  // namespace jobflow::asl
