#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "asl/value/diagnostic.h"
#include "asl/value/failure.h"
#include "asl/value/json.h"

namespace jobflow::asl {

// A Reference Path (ResultPath, a catcher's ResultPath): `$`, `.name`, `['name']`, `[index]`
// only. Applying it puts a result into a copy of the input that shares every untouched subtree
// with the original (copy along the path only).
class ReferencePath {
 public:
  static Parsed<ReferencePath> parse(std::string_view text, std::string_view field = {},
                                     std::string_view location = {});

  const std::string& text() const;

  // `$` -> result. Otherwise the input with the node at the path replaced (missing objects on
  // the way are created). Fails (AWS's error and text) when the input cannot hold the path,
  // e.g. `$.a.b` with `a` a string.
  Outcome<JsonPtr> apply(const JsonPtr& input, const JsonPtr& result) const;

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace jobflow::asl
