#include "jsonata/value/json_output.h"

#include <cmath>

#include "jsonata/value/object_data.h"

namespace jobflow::jsonata {
namespace {

boost::json::value convert(const Value& value) {
  if (const auto* json = value.json()) return *json;  // a borrowed node: copied as it is
  switch (value.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull: return nullptr;
    case Value::Kind::kBoolean: return value.as_boolean();
    case Value::Kind::kNumber: {
      const double n = value.as_number();
      if (!std::isfinite(n)) return nullptr;
      if (std::trunc(n) == n && std::fabs(n) < 9007199254740992.0) return static_cast<std::int64_t>(n);
      return n;
    }
    case Value::Kind::kString: return boost::json::string(value.as_string());
    case Value::Kind::kFunction: return nullptr;  // in an array; dropped from objects below
    case Value::Kind::kArray: {
      boost::json::array out;
      out.reserve(value.size());
      for (std::size_t i = 0; i < value.size(); ++i) out.push_back(convert(value.at(i)));
      return out;
    }
    case Value::Kind::kObject: {
      boost::json::object out;
      value.for_each_member([&](std::string_view key, const Value& member) {
        if (!member.is_undefined() && !member.is_function()) out[key] = convert(member);
      });
      return out;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<boost::json::value> to_json(const Value& value) {
  if (value.is_undefined() || value.is_function()) return std::nullopt;
  return convert(value);
}

}  // namespace jobflow::jsonata
