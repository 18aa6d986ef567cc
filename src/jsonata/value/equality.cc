#include "jsonata/value/equality.h"

#include <string_view>
#include <unordered_map>

#include "jsonata/value/object_data.h"

namespace jobflow::jsonata {
namespace {

bool same_node(const Value& a, const Value& b) {
  if (a.json() || b.json()) return a.json() == b.json();
  if (a.is_array()) return a.owned_array() == b.owned_array();
  if (a.is_object()) return a.owned_object() == b.owned_object();
  if (a.is_function()) return a.function_pointer() == b.function_pointer();
  return false;
}

}  // namespace

bool strict_equal(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull: return true;
    case Value::Kind::kBoolean: return a.as_boolean() == b.as_boolean();
    case Value::Kind::kNumber: return a.as_number() == b.as_number();
    case Value::Kind::kString: return a.as_string() == b.as_string();
    default: return same_node(a, b);
  }
}

bool deep_equal(const Value& a, const Value& b) {
  if (strict_equal(a, b)) return true;
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!deep_equal(a.at(i), b.at(i))) return false;
    return true;
  }
  if (a.is_object()) {
    if (a.object_size() != b.object_size()) return false;
    bool equal = true;
    a.for_each_member([&](std::string_view key, const Value& value) {
      if (!equal) return;
      Value other = b.get(key);
      // A member set to undefined still counts as a key in JavaScript; b must have it too.
      equal = (!other.is_undefined() || value.is_undefined()) && deep_equal(value, other);
    });
    return equal;
  }
  return false;
}

}  // namespace jobflow::jsonata
