#include "jsonata/functions/js_order.h"

#include <cmath>


namespace jobflow::jsonata {

bool js_truthy(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull: return false;
    case Value::Kind::kBoolean: return value.as_boolean();
    case Value::Kind::kNumber: return value.as_number() != 0 && !std::isnan(value.as_number());
    case Value::Kind::kString: return !value.as_string().empty();
    default: return true;
  }
}

}  // namespace jobflow::jsonata
