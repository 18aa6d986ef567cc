#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace jobflow::asl {

// The lower-case hex digest of `data` with one of the algorithms Step Functions offers (MD5,
// SHA-1, SHA-256, SHA-384, SHA-512; names as written, case-sensitive): States.Hash and JSONata's
// $hash. Each caller words its own errors.
enum class DigestError { kUnknownAlgorithm, kFailed };
std::expected<std::string, DigestError> hex_digest(std::string_view algorithm, std::string_view data);

}  // namespace jobflow::asl
