#include "jsonata/value/lookup.h"

#include "jsonata/value/array_data.h"
#include "jsonata/value/sequence.h"

namespace jobflow::jsonata {

Value lookup(const Value& input, std::string_view key) {
  if (input.is_array()) {
    auto result = new_sequence();
    for (std::size_t i = 0; i < input.size(); ++i) {
      Value res = lookup(input.at(i), key);
      if (res.is_undefined()) continue;
      if (res.is_array()) {
        for (std::size_t j = 0; j < res.size(); ++j) result->items.push_back(res.at(j));
      } else {
        result->items.push_back(std::move(res));
      }
    }
    return Value::array(std::move(result));
  }
  if (input.is_object()) return input.get(key);
  return {};
}

}  // namespace jobflow::jsonata
