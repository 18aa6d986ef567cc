#include "asl/jsonata/query_language.h"

namespace jobflow::asl {
namespace {

bool says_jsonpath(const boost::json::value& language) {
  return language.is_string() && language.get_string() == "JSONPath";
}

}  // namespace

bool uses_jsonata(const boost::json::object& object, bool machine_jsonata) {
  const boost::json::value* language = object.if_contains("QueryLanguage");
  if (language == nullptr) return machine_jsonata;
  return !says_jsonpath(*language);
}

bool downgrades_to_jsonpath(const boost::json::object& state, bool machine_jsonata) {
  const boost::json::value* language = state.if_contains("QueryLanguage");
  return machine_jsonata && language != nullptr && says_jsonpath(*language);
}

}  // namespace jobflow::asl
