#pragma once

#include <string>
#include <string_view>

// Conversions between the engine's UTF-8 strings and the code units the reference's JavaScript
// works in. JavaScript strings are UTF-16: charAt/indexOf/length count UTF-16 code units, while
// the reference's Array.from-based helpers (stringToArray) count code points. Code that mirrors
// one or the other converts to std::u16string or std::u32string and back.
namespace jobflow::jsonata::format {

// Invalid UTF-8 sequences become U+FFFD.
std::u32string to_code_points(std::string_view utf8);
std::string from_code_points(std::u32string_view code_points);
void append_code_point(std::string& utf8, char32_t code_point);

std::u16string to_utf16(std::string_view utf8);
// Unpaired surrogates become U+FFFD.
std::string from_utf16(std::u16string_view utf16);

}  // namespace jobflow::jsonata::format
