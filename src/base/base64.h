#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jobflow {

// Base64 with the RFC 4648 alphabet and '=' padding, as java.util.Base64's basic encoder writes it
// (what AWS services send and States.Base64Encode produces).
std::string base64_encode(std::string_view bytes);

// As java.util.Base64.getDecoder() reads it: padding optional, but complete and last when
// present; no whitespace; a final group of one character is an error. nullopt: not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace jobflow
