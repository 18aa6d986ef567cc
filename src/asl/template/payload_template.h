#pragma once

#include <memory>
#include <string_view>

#include "asl/value/diagnostic.h"
#include "asl/value/failure.h"
#include "asl/value/json.h"
#include "asl/value/scope.h"

namespace jobflow::asl {

// A payload template (Parameters, ResultSelector, ItemSelector, Credentials), compiled once: at
// any depth, a key ending in ".$" takes a path ($, $$, $name) or an intrinsic call and loses
// the suffix in the output; every other value is a literal. A template with both "x" and "x.$"
// is invalid.
class PayloadTemplate {
 public:
  // `field` is the state's field name ("Parameters"), `location` its JSON pointer.
  static Parsed<PayloadTemplate> compile(const Json& value, std::string_view field,
                                         std::string_view location);

  // States.Runtime with AWS's text when a definite path selects nothing ("The JSONPath '$.x'
  // specified for the field 'value.$' could not be found in the input '<input JSON>'"). Literal
  // subtrees are shared, not copied.
  Outcome<JsonPtr> evaluate(const Scope& scope) const;

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace jobflow::asl
