#include "asl/validate/jsonata_detector.h"

#include <string>

#include "asl/validate/messages.h"
#include "asl/validate/validation_report.h"

namespace jobflow::asl {
namespace {

bool selects_jsonata(const boost::json::object& object) {
  const Json* language = object.if_contains("QueryLanguage");
  return language && language->is_string() && language->as_string() == "JSONata";
}

Diagnostic diagnostic(const std::string& location) {
  return {std::string(Messages::kSchema), Messages::jsonata_not_supported(),
          child_location(location, "QueryLanguage")};
}

std::optional<Diagnostic> find_in_scope(const Json& scope, const std::string& location);

std::optional<Diagnostic> find_in_state(const boost::json::object& state,
                                        const std::string& location) {
  if (selects_jsonata(state)) return diagnostic(location);
  if (const Json* branches = state.if_contains("Branches"); branches && branches->is_array()) {
    for (std::size_t i = 0; i < branches->as_array().size(); ++i) {
      auto found = find_in_scope(branches->as_array()[i], element_location(location, "Branches", i));
      if (found) return found;
    }
  }
  for (std::string_view field : {"ItemProcessor", "Iterator"}) {
    if (const Json* processor = state.if_contains(field)) {
      auto found = find_in_scope(*processor, child_location(location, field));
      if (found) return found;
    }
  }
  return std::nullopt;
}

std::optional<Diagnostic> find_in_scope(const Json& scope, const std::string& location) {
  if (!scope.is_object()) return std::nullopt;
  const Json* states = scope.as_object().if_contains("States");
  if (!states || !states->is_object()) return std::nullopt;
  std::string states_location = child_location(location, "States");
  for (const auto& entry : states->as_object()) {
    if (!entry.value().is_object()) continue;
    auto found = find_in_state(entry.value().as_object(),
                               states_location + "/" + std::string(entry.key()));
    if (found) return found;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Diagnostic> JsonataDetector::find(const Json& definition) {
  if (!definition.is_object()) return std::nullopt;
  if (selects_jsonata(definition.as_object())) return diagnostic("/");
  return find_in_scope(definition, "/");
}

}  // namespace jobflow::asl
