#pragma once

#include <string>

namespace jobflow {

// Appends `code_point` to `out` in UTF-8. Surrogates (U+D800–U+DFFF) are encoded like any other
// code point (three bytes: WTF-8), so a lone one decoded from a JSON or JSONata "\uD800" escape
// survives; callers that need strict UTF-8 replace them first. Beyond U+10FFFF: U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace jobflow
