#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "asl/value/diagnostic.h"
#include "asl/value/failure.h"
#include "asl/value/scope.h"

namespace jobflow::asl {

// An intrinsic function call (`States.Format('{}', $.x)`, nested up to 10 levels), parsed once.
// Arguments: string literals ('...' with the escapes \' \{ \} \\ only), numbers, true/false/null,
// JSONPaths ($, $$, $name) and nested calls.
class Intrinsic {
 public:
  // True when `text` is meant as a call (starts with "States." after optional blanks), so that
  // a `.$` value is parsed as an intrinsic rather than a path.
  static bool looks_like_call(std::string_view text);

  // `field` / `location` shape the diagnostic, e.g. "The value for the field 'x.$' must be a
  // valid JSONPath or a valid intrinsic function call at /States/S/Parameters".
  static Parsed<Intrinsic> parse(std::string_view text, std::string_view field = {},
                                 std::string_view location = {});

  const std::string& text() const;

  // States.IntrinsicFailure for bad argument values or types; States.Runtime for a path argument
  // that selects nothing. `cause` is the detail only: the engine prefixes "An error occurred
  // while executing the state ...".
  Outcome<JsonPtr> evaluate(const Scope& scope) const;

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace jobflow::asl
