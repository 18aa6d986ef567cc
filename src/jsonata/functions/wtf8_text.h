#pragma once

#include <string>
#include <string_view>

// The engine's strings are UTF-8, except that a lone UTF-16 surrogate (from a "\uD800" escape, or
// cut out of a pair by a JavaScript-style operation) is kept as its 3-byte form (WTF-8), as
// JavaScript keeps it in its UTF-16 strings. format/unicode_text.h reads such text to UTF-16;
// this writes UTF-16 back without losing lone surrogates.
namespace jobflow::jsonata {

std::string wtf8_from_utf16(std::u16string_view utf16);

// Whether `text` holds a lone surrogate (what JavaScript's encodeURI refuses).
bool has_lone_surrogate(std::string_view text);

}  // namespace jobflow::jsonata
