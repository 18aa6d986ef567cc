#pragma once

#include <string>
#include <string_view>
#include <vector>

// JavaScript String methods on UTF-16 text, with their edge rules (negative and out-of-range
// indexes, swapped bounds, empty search strings), for code that mirrors the reference's string
// handling index for index.
namespace jobflow::jsonata::format::js {

// indexOf / lastIndexOf: -1 when absent.
long index_of(std::u16string_view s, std::u16string_view search, long from = 0);
long last_index_of(std::u16string_view s, std::u16string_view search);

// substring(start, end): clamps both to [0, length] and swaps them if start > end.
std::u16string substring(std::u16string_view s, long start, long end);
std::u16string substring(std::u16string_view s, long start);

// slice(start, end): negative indexes count from the end.
std::u16string slice(std::u16string_view s, long start, long end);
std::u16string slice(std::u16string_view s, long start);

// charAt(i): the code unit at i as a one-unit string, "" out of range.
std::u16string char_at(std::u16string_view s, long i);

// split(separator) with a string separator; "" splits into code units.
std::vector<std::u16string> split(std::u16string_view s, std::u16string_view separator);

// new Array(n + 1).join(s): `s` repeated n times, "" when n <= 0.
std::u16string repeat(std::u16string_view s, long n);

}  // namespace jobflow::jsonata::format::js
