#pragma once

#include <optional>

#include "asl/value/diagnostic.h"
#include "asl/value/json.h"

namespace jobflow::asl {

// jobflow does not run JSONata yet. A definition that selects it anywhere (the machine's
// `QueryLanguage`, or a state's, in any nested scope) is rejected with exactly one diagnostic,
// SCHEMA_VALIDATION_FAILED at the first such `QueryLanguage` field, instead of being half
// validated by JSONPath rules.
class JsonataDetector {
 public:
  static std::optional<Diagnostic> find(const Json& definition);
};

}  // namespace jobflow::asl
