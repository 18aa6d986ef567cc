#include "asl/path/path_evaluator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include <boost/json/object.hpp>

namespace jobflow::asl::path {
namespace {

using boost::json::array;
using boost::json::object;

// The Jayway JsonProvider AWS is assumed to run (Jackson; unverified), for the rare miss texts
// that name Java classes.
constexpr std::string_view kProvider = "com.jayway.jsonpath.spi.json.JacksonJsonProvider";

std::string java_class(const Json& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "java.lang.Boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: {
      bool fits_int = value.is_int64()
                          ? value.get_int64() >= std::numeric_limits<std::int32_t>::min() &&
                                value.get_int64() <= std::numeric_limits<std::int32_t>::max()
                          : value.get_uint64() <= std::numeric_limits<std::int32_t>::max();
      return fits_int ? "java.lang.Integer" : "java.lang.Long";
    }
    case boost::json::kind::double_: return "java.lang.Double";
    case boost::json::kind::string: return "java.lang.String";
    case boost::json::kind::array: return "java.util.ArrayList";
    case boost::json::kind::object: return "java.util.LinkedHashMap";
  }
  return "null";
}

// Java's toString of the Jackson-provider model (LinkedHashMap / ArrayList / boxed scalars).
void append_java(std::string& out, const Json& value) {
  switch (value.kind()) {
    case boost::json::kind::string: out += value.get_string(); return;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const Json& item : value.get_array()) {
        if (!first) out += ", ";
        first = false;
        append_java(out, item);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& entry : value.get_object()) {
        if (!first) out += ", ";
        first = false;
        out += entry.key();
        out += '=';
        append_java(out, entry.value());
      }
      out += '}';
      return;
    }
    default: out += to_text(value); return;
  }
}

bool is_number(const Json& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

// -1, 0, 1; numbers of any representation compared by value.
int compare_numbers(const Json& a, const Json& b) {
  if (a.is_int64() && b.is_int64()) {
    return a.get_int64() < b.get_int64() ? -1 : (a.get_int64() > b.get_int64() ? 1 : 0);
  }
  if (a.is_uint64() && b.is_uint64()) {
    return a.get_uint64() < b.get_uint64() ? -1 : (a.get_uint64() > b.get_uint64() ? 1 : 0);
  }
  if (!a.is_double() && !b.is_double()) {
    // int64 vs uint64: a negative int64 is below every uint64.
    if (a.is_int64()) return a.get_int64() < 0 ? -1 : compare_numbers(Json(static_cast<std::uint64_t>(a.get_int64())), b);
    return b.get_int64() < 0 ? 1 : compare_numbers(a, Json(static_cast<std::uint64_t>(b.get_int64())));
  }
  double x = a.to_number<double>();
  double y = b.to_number<double>();
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool parse_number(std::string_view text, double& out) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

// Jayway's EqualsEvaluator: a number equals a string holding the same number; a string equals
// a number whose text it is; containers compare as JSON.
bool values_equal(const Json& a, const Json& b) {
  if (is_number(a) && is_number(b)) return compare_numbers(a, b) == 0;
  if (is_number(a) && b.is_string()) {
    double x = 0;
    return parse_number(b.get_string(), x) && a.to_number<double>() == x;
  }
  if (a.is_string() && is_number(b)) return a.get_string() == to_text(b);
  if (a.kind() != b.kind()) return false;
  return json_equal(a, b);
}

// Evaluates a definite filter operand path silently. `scratch` holds a computed length.
const Json* resolve(const PathSteps& steps, const Json& start, Json& scratch) {
  const Json* cur = &start;
  for (const PathStep& step : steps) {
    switch (step.kind) {
      case PathStep::Kind::kProperty: {
        const object* obj = cur->if_object();
        if (!obj) return nullptr;
        cur = obj->if_contains(step.names.front());
        if (!cur) return nullptr;
        break;
      }
      case PathStep::Kind::kIndex: {
        const array* arr = cur->if_array();
        if (!arr) return nullptr;
        std::int64_t index = step.indexes.front();
        if (index < 0) index += static_cast<std::int64_t>(arr->size());
        if (index < 0 || index >= static_cast<std::int64_t>(arr->size())) return nullptr;
        cur = &(*arr)[static_cast<std::size_t>(index)];
        break;
      }
      case PathStep::Kind::kLength: {
        if (const array* arr = cur->if_array()) {
          scratch = static_cast<std::int64_t>(arr->size());
        } else if (const object* obj = cur->if_object()) {
          scratch = static_cast<std::int64_t>(obj->size());
        } else if (const auto* str = cur->if_string()) {
          scratch = static_cast<std::int64_t>(str->size());
        } else {
          return nullptr;
        }
        cur = &scratch;
        break;
      }
      default: return nullptr;
    }
  }
  return cur;
}

const Json* operand_value(const FilterOperand& operand, const Json& current, const Json& root,
                          Json& scratch) {
  switch (operand.kind) {
    case FilterOperand::Kind::kLiteral: return &operand.literal;
    case FilterOperand::Kind::kCurrent: return resolve(operand.steps, current, scratch);
    case FilterOperand::Kind::kRoot: return resolve(operand.steps, root, scratch);
  }
  return nullptr;
}

bool length_of(const Json& node, std::int64_t& out) {
  if (const array* arr = node.if_array()) {
    out = static_cast<std::int64_t>(arr->size());
  } else if (const object* obj = node.if_object()) {
    out = static_cast<std::int64_t>(obj->size());
  } else if (const auto* str = node.if_string()) {
    out = static_cast<std::int64_t>(str->size());
  } else {
    return false;
  }
  return true;
}

void scan(const PathSteps& steps, std::size_t next, const Json& node, const Json& root,
          array& out) {
  const PathStep& step = steps[next];
  bool matches = false;
  switch (step.kind) {
    case PathStep::Kind::kProperty:
      matches = node.is_object() && node.get_object().contains(step.names.front());
      break;
    case PathStep::Kind::kProperties: matches = node.is_object(); break;
    case PathStep::Kind::kIndex:
    case PathStep::Kind::kIndexes:
    case PathStep::Kind::kSlice: matches = node.is_array(); break;
    case PathStep::Kind::kWildcard: matches = node.is_object() || node.is_array(); break;
    case PathStep::Kind::kFilter:
      // Jayway tests every object met on the walk against the filter.
      if (node.is_object() && PathEvaluator::accepts(*step.filter, node, root)) {
        PathEvaluator::find_all(steps, next + 1, node, root, out);
      }
      break;
    case PathStep::Kind::kScan:
    case PathStep::Kind::kLength: break;
  }
  if (matches) PathEvaluator::find_all(steps, next, node, root, out);
  if (const object* obj = node.if_object()) {
    for (const auto& entry : *obj) scan(steps, next, entry.value(), root, out);
  } else if (const array* arr = node.if_array()) {
    for (const Json& item : *arr) scan(steps, next, item, root, out);
  }
}

}  // namespace

std::expected<PathEvaluator::Hit, std::string> PathEvaluator::find_definite(const PathSteps& steps,
                                                                            const Json& root) {
  const Json* cur = &root;
  const std::size_t n = steps.size();
  for (std::size_t i = 0; i < n; ++i) {
    const PathStep& step = steps[i];
    const bool leaf = i + 1 == n;
    switch (step.kind) {
      case PathStep::Kind::kProperty: {
        const object* obj = cur->if_object();
        if (!obj) {
          return std::unexpected("Expected to find an object with property " +
                                 step_fragment(step) + " in path " + path_string(steps, i) +
                                 " but found '" + java_class(*cur) +
                                 "'. This is not a json object according to the JsonProvider: '" +
                                 std::string(kProvider) + "'.");
        }
        const Json* child = obj->if_contains(step.names.front());
        if (!child) {
          if (leaf) return std::unexpected("No results for path: " + path_string(steps, n));
          return std::unexpected("Missing property in path " + path_string(steps, i + 1));
        }
        cur = child;
        break;
      }
      case PathStep::Kind::kIndex: {
        const array* arr = cur->if_array();
        if (!arr) {
          if (cur->is_null()) return std::unexpected("The path " + path_string(steps, i) + " is null");
          std::string text = "Filter: " + step_fragment(step) +
                             " can only be applied to arrays. Current context is: ";
          append_java(text, *cur);
          return std::unexpected(std::move(text));
        }
        std::int64_t index = step.indexes.front();
        if (index < 0) index += static_cast<std::int64_t>(arr->size());
        if (index < 0 || index >= static_cast<std::int64_t>(arr->size())) {
          return std::unexpected("No results for path: " + path_string(steps, n));
        }
        cur = &(*arr)[static_cast<std::size_t>(index)];
        break;
      }
      case PathStep::Kind::kProperties: {  // leaf only: merge into a new object
        const object* obj = cur->if_object();
        if (!obj) {
          return std::unexpected("Expected to find an object with property " +
                                 step_fragment(step) + " in path " + path_string(steps, i) +
                                 " but found '" + java_class(*cur) +
                                 "'. This is not a json object according to the JsonProvider: '" +
                                 std::string(kProvider) + "'.");
        }
        object merged;
        for (const std::string& name : step.names) {
          if (const Json* value = obj->if_contains(name)) merged[name] = *value;
        }
        return Hit{nullptr, make_json(Json(std::move(merged)))};
      }
      case PathStep::Kind::kLength: {
        std::int64_t length = 0;
        if (!length_of(*cur, length)) {
          return std::unexpected("Invalid function: length() can only be applied to arrays, "
                                 "objects and strings");
        }
        return Hit{nullptr, make_json(Json(length))};
      }
      default: return std::unexpected("No results for path: " + path_string(steps, n));
    }
  }
  return Hit{cur, nullptr};
}

void PathEvaluator::find_all(const PathSteps& steps, std::size_t from, const Json& node,
                             const Json& root, array& out) {
  if (from == steps.size()) {
    out.push_back(node);
    return;
  }
  const PathStep& step = steps[from];
  const std::size_t next = from + 1;
  switch (step.kind) {
    case PathStep::Kind::kProperty: {
      if (const object* obj = node.if_object()) {
        if (const Json* child = obj->if_contains(step.names.front())) {
          find_all(steps, next, *child, root, out);
        }
      }
      return;
    }
    case PathStep::Kind::kProperties: {
      const object* obj = node.if_object();
      if (!obj) return;
      if (next == steps.size()) {
        object merged;
        for (const std::string& name : step.names) {
          if (const Json* value = obj->if_contains(name)) merged[name] = *value;
        }
        out.emplace_back(std::move(merged));
        return;
      }
      for (const std::string& name : step.names) {
        if (const Json* child = obj->if_contains(name)) find_all(steps, next, *child, root, out);
      }
      return;
    }
    case PathStep::Kind::kIndex:
    case PathStep::Kind::kIndexes: {
      const array* arr = node.if_array();
      if (!arr) return;
      const auto size = static_cast<std::int64_t>(arr->size());
      for (std::int64_t index : step.indexes) {
        if (index < 0) index += size;
        if (index >= 0 && index < size) {
          find_all(steps, next, (*arr)[static_cast<std::size_t>(index)], root, out);
        }
      }
      return;
    }
    case PathStep::Kind::kWildcard: {
      if (const object* obj = node.if_object()) {
        for (const auto& entry : *obj) find_all(steps, next, entry.value(), root, out);
      } else if (const array* arr = node.if_array()) {
        for (const Json& item : *arr) find_all(steps, next, item, root, out);
      }
      return;
    }
    case PathStep::Kind::kSlice: {
      const array* arr = node.if_array();
      if (!arr || arr->empty()) return;
      const auto size = static_cast<std::int64_t>(arr->size());
      std::int64_t first = 0;
      std::int64_t last = size;
      switch (step.slice) {
        case PathStep::SliceKind::kFrom:
          first = step.from < 0 ? std::max<std::int64_t>(0, size + step.from) : step.from;
          break;
        case PathStep::SliceKind::kTo:
          last = std::min(size, step.to < 0 ? size + step.to : step.to);
          break;
        case PathStep::SliceKind::kBetween:
          first = step.from;
          last = std::min(size, step.to);
          break;
      }
      for (std::int64_t i = first; i < last; ++i) {
        std::int64_t index = i < 0 ? size + i : i;  // Jayway's handleArrayIndex
        if (index >= 0 && index < size) {
          find_all(steps, next, (*arr)[static_cast<std::size_t>(index)], root, out);
        }
      }
      return;
    }
    case PathStep::Kind::kFilter: {
      if (node.is_object()) {
        if (accepts(*step.filter, node, root)) find_all(steps, next, node, root, out);
      } else if (const array* arr = node.if_array()) {
        for (const Json& item : *arr) {
          if (accepts(*step.filter, item, root)) find_all(steps, next, item, root, out);
        }
      }
      return;
    }
    case PathStep::Kind::kScan: scan(steps, next, node, root, out); return;
    case PathStep::Kind::kLength: {
      std::int64_t length = 0;
      if (length_of(node, length)) out.emplace_back(length);
      return;
    }
  }
}

bool PathEvaluator::accepts(const FilterNode& filter, const Json& current, const Json& root) {
  switch (filter.kind) {
    case FilterNode::Kind::kOr:
      return accepts(*filter.left, current, root) || accepts(*filter.right, current, root);
    case FilterNode::Kind::kAnd:
      return accepts(*filter.left, current, root) && accepts(*filter.right, current, root);
    case FilterNode::Kind::kNot: return !accepts(*filter.left, current, root);
    case FilterNode::Kind::kExists: {
      Json scratch;
      return operand_value(filter.lhs, current, root, scratch) != nullptr;
    }
    case FilterNode::Kind::kCompare: {
      Json left_scratch;
      Json right_scratch;
      const Json* left = operand_value(filter.lhs, current, root, left_scratch);
      const Json* right = operand_value(filter.rhs, current, root, right_scratch);
      if (filter.op == FilterNode::Op::kEq || filter.op == FilterNode::Op::kNe) {
        bool equal = left && right && values_equal(*left, *right);
        return filter.op == FilterNode::Op::kEq ? equal : !equal;
      }
      if (!left || !right) return false;
      int order = 0;
      if (is_number(*left) && is_number(*right)) {
        if ((left->is_double() && std::isnan(left->get_double())) ||
            (right->is_double() && std::isnan(right->get_double()))) {
          return false;
        }
        order = compare_numbers(*left, *right);
      } else if (left->is_string() && right->is_string()) {
        std::string_view a = left->get_string();
        std::string_view b = right->get_string();
        order = a < b ? -1 : (a > b ? 1 : 0);
      } else {
        return false;
      }
      switch (filter.op) {
        case FilterNode::Op::kLt: return order < 0;
        case FilterNode::Op::kLe: return order <= 0;
        case FilterNode::Op::kGt: return order > 0;
        case FilterNode::Op::kGe: return order >= 0;
        default: return false;
      }
    }
  }
  return false;
}

}  // namespace jobflow::asl::path
