#include "asl/validate/validation_report.h"

#include "asl/validate/messages.h"

namespace jobflow::asl {

void ValidationReport::schema_error(std::string message, std::string location) {
  schema.push_back({std::string(Messages::kSchema), std::move(message), std::move(location)});
}

void ValidationReport::graph_error(std::string_view code, std::string message,
                                   std::string location) {
  graph.push_back({std::string(code), std::move(message), std::move(location)});
}

std::vector<Diagnostic> ValidationReport::take() {
  std::vector<Diagnostic> all = std::move(schema);
  for (auto& d : graph) all.push_back(std::move(d));
  schema.clear();
  graph.clear();
  return all;
}

std::string child_location(const std::string& location, std::string_view field) {
  return (location == "/" ? std::string() : location) + "/" + std::string(field);
}

std::string element_location(const std::string& location, std::string_view field,
                             std::size_t index) {
  return child_location(location, field) + "[" + std::to_string(index) + "]";
}

}  // namespace jobflow::asl
