#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "asl/value/json.h"

namespace jobflow::asl::path {

struct FilterNode;

// One token of a compiled JSONPath, as Jayway JsonPath splits a path.
struct PathStep {
  enum class Kind {
    kProperty,    // .a  ['a']               definite
    kProperties,  // ['a','b']               definite at the leaf (Jayway merges into an object)
    kIndex,       // [n]                     definite
    kIndexes,     // [n,m]
    kWildcard,    // .*  [*]
    kSlice,       // [a:b] [a:] [:b]
    kScan,        // ..   (always followed by another step)
    kFilter,      // [?(...)]
    kLength,      // .length()  (Jayway function; leaf only)
  };
  enum class SliceKind { kFrom, kTo, kBetween };

  Kind kind = Kind::kProperty;
  std::vector<std::string> names;     // kProperty (1), kProperties (>1)
  std::vector<std::int64_t> indexes;  // kIndex (1), kIndexes (>1)
  SliceKind slice = SliceKind::kBetween;
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::shared_ptr<const FilterNode> filter;  // kFilter

  bool definite_token(bool leaf) const {
    return kind == Kind::kProperty || kind == Kind::kIndex || kind == Kind::kLength ||
           (kind == Kind::kProperties && leaf);
  }
};

using PathSteps = std::vector<PathStep>;

// A filter expression `[?( ... )]`, compiled to a small tree.
struct FilterOperand {
  enum class Kind { kCurrent, kRoot, kLiteral };
  Kind kind = Kind::kLiteral;
  PathSteps steps;  // kCurrent (`@...`) / kRoot (`$...`): definite steps only
  Json literal;     // kLiteral
};

struct FilterNode {
  enum class Kind { kOr, kAnd, kNot, kExists, kCompare };
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe };
  Kind kind = Kind::kExists;
  Op op = Op::kEq;
  std::shared_ptr<const FilterNode> left;   // kOr, kAnd, kNot
  std::shared_ptr<const FilterNode> right;  // kOr, kAnd
  FilterOperand lhs;                        // kExists, kCompare
  FilterOperand rhs;                        // kCompare
};

// `$['a']['b'][0]`, the way Jayway prints an evaluated path, for steps [0, count).
std::string path_string(const PathSteps& steps, std::size_t count);
std::string step_fragment(const PathStep& step);

}  // namespace jobflow::asl::path
