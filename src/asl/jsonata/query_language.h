#pragma once

#include <boost/json/object.hpp>

namespace jobflow::asl {

// Which query language a state (or, with machine_jsonata false, the machine itself) uses:
// JSONPath only when its QueryLanguage says exactly "JSONPath", JSONata for any other value it
// gives, and the machine's language when it gives none. States inside a Parallel's branches or a
// Map's processor fall back to the machine's language, not to their enclosing state's
// [third-party: floci docs/services/step-functions.md, measured against AWS].
bool uses_jsonata(const boost::json::object& object, bool machine_jsonata);

// A state that says "JSONPath" inside a JSONata machine: AWS refuses it.
bool downgrades_to_jsonpath(const boost::json::object& state, bool machine_jsonata);

}  // namespace jobflow::asl
