#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "asl/value/diagnostic.h"
#include "asl/value/failure.h"
#include "asl/value/json.h"
#include "asl/value/scope.h"

namespace jobflow::asl {

// One Choice rule (JSONPath mode), parsed once: a data test (`Variable` + one operator of the
// String*/Numeric*/Boolean*/Timestamp* families, their *Path forms, StringMatches, Is*), or a
// combinator (And, Or, Not) over nested rules.
class ChoiceRule {
 public:
  // `rule` is an element of a Choice state's `Choices` (top_level: `Next` required) or a nested
  // rule (top_level false: `Next` not allowed). `location` is its JSON pointer
  // ("/States/C/Choices/0").
  static Parsed<ChoiceRule> parse(const Json& rule, bool top_level, std::string_view location);

  // False (never an error) on a type mismatch; States.Runtime when `Variable` or an operand path
  // selects nothing (except under IsPresent).
  Outcome<bool> matches(const Scope& scope) const;

  const std::string& next() const;  // top-level rules only
  const Json* assign() const;       // the rule's `Assign`, nullptr if none

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;
};

// Added: a Choice state's decision. The first rule of `rules` (its `Choices`, in order) that
// matches, or nullptr when none does (the caller then takes `Default`, or fails with
// States.NoChoiceMatched); a rule's failure stops the scan and is returned.
Outcome<const ChoiceRule*> first_matching_rule(std::span<const ChoiceRule> rules,
                                               const Scope& scope);

}  // namespace jobflow::asl
