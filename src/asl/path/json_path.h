#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "asl/value/diagnostic.h"
#include "asl/value/scope.h"

namespace jobflow::asl {

// A JSONPath compiled once (at CreateStateMachine), with the semantics of Jayway JsonPath, which
// AWS runs: `.a`, `['a']`, `[n]`, `[*]`, `[a,b]`, slices, `..`, filters `[?(@.x == 1)]`, and
// the roots `$` (state input), `$$` (context object) and `$name` (a variable).
class JsonPath {
 public:
  enum class Root { kInput, kContext, kVariable };

  // `location` and `field` only shape the diagnostic ("The value for the field 'x.$' must be a
  // valid JSONPath at /States/S/Parameters").
  static Parsed<JsonPath> parse(std::string_view text, std::string_view field = {},
                                std::string_view location = {});

  const std::string& text() const;
  Root root() const;
  const std::string& variable() const;  // the name, for Root::kVariable
  bool definite() const;                // no wildcard, slice, filter, union or deep scan

  // A definite path yields the node it selects (an aliasing pointer, no copy), or on a miss the
  // Jayway detail text, e.g. "No results for path: $['X']" / "Missing property in path $['a']".
  // An indefinite path yields an array of its matches (maybe empty) and never misses.
  std::expected<JsonPtr, std::string> find(const Scope& scope) const;

  // The same selection written into `out`, for a caller that builds a new document anyway
  // (payload templates): one copy out of the source, and an indefinite path's matches are
  // appended straight into `out` instead of into an intermediate array.
  std::expected<void, std::string> find_into(const Scope& scope, Json& out) const;

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace jobflow::asl
