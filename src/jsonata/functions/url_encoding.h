#pragma once

#include <optional>
#include <string>
#include <string_view>

// JavaScript's URI functions (ECMAScript 19.2.6) over the engine's UTF-8 text. nullopt is
// JavaScript's URIError: a lone surrogate to encode, or a malformed escape or UTF-8 sequence to
// decode.
namespace jobflow::jsonata {

enum class UrlPart {
  kWhole,      // encodeURI / decodeURI: the reserved characters ;/?:@&=+$,# stay as they are
  kComponent,  // encodeURIComponent / decodeURIComponent
};

// Every character but A–Z a–z 0–9 -_.!~*'() (and, for a whole URL, the reserved ones) as %XX
// escapes of its UTF-8 bytes, upper-case hex.
std::optional<std::string> encode_url(std::string_view text, UrlPart part);

// %XX escapes back to characters; for a whole URL an escape of a reserved character is kept as
// written.
std::optional<std::string> decode_url(std::string_view text, UrlPart part);

}  // namespace jobflow::jsonata
