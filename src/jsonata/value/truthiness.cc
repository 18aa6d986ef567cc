#include "jsonata/value/truthiness.h"

#include <cmath>

namespace jobflow::jsonata {

std::optional<bool> to_boolean(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kUndefined: return std::nullopt;
    case Value::Kind::kNull: return false;
    case Value::Kind::kBoolean: return value.as_boolean();
    case Value::Kind::kString: return !value.as_string().empty();
    case Value::Kind::kNumber: {
      const double n = value.as_number();
      return !std::isnan(n) && n != 0;
    }
    case Value::Kind::kArray: {
      if (value.size() == 1) return to_boolean(value.at(0)).value_or(false);
      for (std::size_t i = 0; i < value.size(); ++i)
        if (to_boolean(value.at(i)).value_or(false)) return true;
      return false;
    }
    case Value::Kind::kObject: return value.object_size() > 0;
    case Value::Kind::kFunction: return false;
  }
  return false;
}

}  // namespace jobflow::jsonata
