#pragma once

#include <optional>
#include <string_view>

// The string rule of $number, as the reference's fn.number applies it.
namespace jobflow::jsonata {

// A string cast to a number, or nullopt where the reference raises D3030:
//  - a decimal JSON-like number (`^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$`) that is finite reads
//    as parseFloat does (correctly rounded);
//  - otherwise a string the reference's radix test accepts — it starts with 0x<hex>, contains
//    0o<octal> or ends with 0b<binary> (its regex lacks grouping around the alternatives) — is
//    JavaScript's Number(text): white space trimmed, then one whole 0x/0o/0b literal (correctly
//    rounded), else NaN;
//  - anything else is nullopt.
std::optional<double> cast_string_to_number(std::string_view text);

}  // namespace jobflow::jsonata
