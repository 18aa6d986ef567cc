#pragma once

#include <string>
#include <string_view>

// $base64encode / $base64decode as the reference does them in Node.js, through "binary"
// (latin1) strings: Buffer.from(str, 'binary').toString('base64') and back.
namespace jobflow::jsonata {

// Each UTF-16 code unit of `text` is one byte (its low 8 bits); standard base64 with padding.
std::string base64_encode_latin1(std::string_view text);

// Node's forgiving decoder: both alphabets (+/ and -_), other characters skipped, decoding ends
// at the first '=', incomplete trailing bits dropped; each byte becomes the character U+0000–U+00FF.
std::string base64_decode_latin1(std::string_view text);

}  // namespace jobflow::jsonata
