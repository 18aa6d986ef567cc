#include "jsonata/value/sequence.h"

namespace jobflow::jsonata {

std::shared_ptr<ArrayData> new_sequence() {
  auto s = std::make_shared<ArrayData>();
  s->sequence = true;
  return s;
}

std::shared_ptr<ArrayData> sequence_of(Value value) {
  auto s = new_sequence();
  s->items.push_back(std::move(value));
  return s;
}

Value append(const Value& first, const Value& second) {
  if (first.is_undefined()) return second;
  if (second.is_undefined()) return first;
  auto out = std::make_shared<ArrayData>();
  // concat() makes a plain array: the first side's flags are not carried over.
  if (first.is_array()) {
    out->items.reserve(first.size() + (second.is_array() ? second.size() : 1));
    for (std::size_t i = 0; i < first.size(); ++i) out->items.push_back(first.at(i));
  } else {
    out->items.push_back(first);
  }
  if (second.is_array()) {
    for (std::size_t i = 0; i < second.size(); ++i) out->items.push_back(second.at(i));
  } else {
    out->items.push_back(second);
  }
  return Value::array(std::move(out));
}

void flatten_into(const Value& value, ArrayData& out) {
  if (!value.is_array()) {
    out.items.push_back(value);
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) flatten_into(value.at(i), out);
}

}  // namespace jobflow::jsonata
