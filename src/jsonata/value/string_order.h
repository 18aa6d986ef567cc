#pragma once

#include <string_view>

namespace jobflow::jsonata {

// JavaScript's `<` on two strings: UTF-16 code unit order (which differs from UTF-8 byte order
// only when a character at or above U+E000 meets one above U+FFFF). Comparison operators,
// order-by and $sort order strings this way.
bool js_string_less(std::string_view a, std::string_view b);

}  // namespace jobflow::jsonata
