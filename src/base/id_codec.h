#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jobflow {

// Turns a durable sequence number into an EMR-style id: a prefix and 13 characters of [0-9A-Z].
// The number is passed through a bijection keyed by a per-store salt, so ids look random while
// distinct numbers always give distinct ids: an id is never reused as long as the sequence is not.
class IdCodec {
 public:
  explicit IdCodec(std::uint64_t salt) : salt_(salt) {}
  std::string encode(std::string_view prefix, std::uint64_t number) const;

 private:
  std::uint64_t salt_;
};

}  // namespace jobflow
