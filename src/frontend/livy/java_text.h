#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jobflow::frontend::livy {

// Java's text conventions, as Livy's JVM applies them to what it reads and writes. Strings are
// UTF-8 here; Java counts and cuts them in UTF-16 units, so the helpers do too.

// Double.toString(d): "0.0", "1.0", "0.25", "1.0E-4", "1.0E7", "NaN", "-Infinity". Digits are the
// shortest that round-trip (what Java 19+ prints; older JDKs very rarely print one digit more).
std::string java_double_to_string(double d);

// Integer.parseInt / Long.parseLong: an optional '+' or '-', then ASCII digits, in range.
std::optional<std::int32_t> java_parse_int(std::string_view text);
std::optional<std::int64_t> java_parse_long(std::string_view text);

// String.trim(): strips every char <= ' ' from both ends.
std::string_view java_trim(std::string_view text);

// String.length() of the UTF-8 text: UTF-16 units (2 for a character beyond the BMP).
std::size_t java_length(std::string_view utf8);

// The first `units` UTF-16 units of the text (never splitting a character), and the last ones.
std::string_view java_prefix(std::string_view utf8, std::size_t units);
std::string_view java_suffix(std::string_view utf8, std::size_t units);

// Appends one UTF-16 code unit or code point as UTF-8; lone surrogates become U+FFFD.
void append_utf8(std::string& out, std::uint32_t code_point);

// Character.isJavaIdentifierStart / isJavaIdentifierPart for a UTF-16 unit: exact for Latin-1,
// an approximation beyond (letters, digits and most symbols count; common punctuation does not).
bool java_identifier_start(std::uint32_t c);
bool java_identifier_part(std::uint32_t c);

// Character.isISOControl.
inline bool java_iso_control(std::uint32_t c) { return c <= 0x1F || (c >= 0x7F && c <= 0x9F); }

}  // namespace jobflow::frontend::livy
