#pragma once

#include <expected>
#include <string>

#include <boost/json/array.hpp>

#include "asl/path/path_step.h"
#include "asl/value/json.h"

namespace jobflow::asl::path {

// Evaluates compiled steps against a document, with Jayway JsonPath's semantics. Nothing here
// throws or allocates except to build a result (an indefinite path's array, a merged object,
// a length) or a miss text.
class PathEvaluator {
 public:
  // What a definite path selects: a node inside the document (`node`), or a value built for
  // the occasion (`built`: `['a','b']` merges, `length()`).
  struct Hit {
    const Json* node = nullptr;
    JsonPtr built;
  };

  // All steps must be definite. On a miss: Jayway's PathNotFoundException text.
  static std::expected<Hit, std::string> find_definite(const PathSteps& steps, const Json& root);

  // Appends every match of steps[from..] applied to `node` to `out` (copies of the matches),
  // in Jayway's order. Misses are silent.
  static void find_all(const PathSteps& steps, std::size_t from, const Json& node,
                       const Json& root, boost::json::array& out);

  // Whether `current` passes the filter (`@` = current, `$` = root).
  static bool accepts(const FilterNode& filter, const Json& current, const Json& root);
};

}  // namespace jobflow::asl::path
