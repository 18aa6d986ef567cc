#pragma once

#include <set>
#include <string>
#include <vector>

#include "asl/value/diagnostic.h"

namespace jobflow::asl {

// What one validation run has found so far. Schema problems (fields, types, paths, resources)
// come first in the final list, then the transition problems of every scope (missing targets,
// unreachable states, no terminal state), each group in document order.
struct ValidationReport {
  std::vector<Diagnostic> schema;
  std::vector<Diagnostic> graph;
  std::set<std::string> state_names;  // across the whole machine: names are unique in it
  bool jsonata_machine = false;       // the machine's QueryLanguage is JSONata

  void schema_error(std::string message, std::string location);
  void schema_error(Diagnostic diagnostic) { schema.push_back(std::move(diagnostic)); }
  void graph_error(std::string_view code, std::string message, std::string location);

  std::vector<Diagnostic> take();
};

// JSON pointers as AWS prints them: state names unescaped, array elements as "Field[i]".
std::string child_location(const std::string& location, std::string_view field);
std::string element_location(const std::string& location, std::string_view field, std::size_t index);

}  // namespace jobflow::asl
