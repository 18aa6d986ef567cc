#pragma once

#include <optional>
#include <string>

#include "jsonata/syntax/ast_processor.h"

namespace jobflow::asl {

// Step Functions evaluates a JSONata expression with no context item: the input is $states.input,
// variables are $name. AWS therefore refuses, at CreateStateMachine, an expression that reads the
// context at its top level: a path whose first step is a field name (`phone`, `{aaa: 1}` names
// `aaa`), `$` itself, or `$$` anywhere at that level. Names in later steps, predicates, sort terms
// and group-by are read against the step before them and stay legal; a lambda's body keeps the
// context of the expression that defines it [third-party: floci, measured against AWS].
//
// The UNSUPPORTED_JSONATA_EXPRESSION message for the first such reference, written in the order
// the expression reads them: "Reference to 'phone' at the top level is not supported." or
// "Reference to '$$' is not supported."; nullopt when there is none.
std::optional<std::string> unsupported_top_level_reference(const jsonata::SyntaxTree& tree);

}  // namespace jobflow::asl
