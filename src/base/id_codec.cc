#include "base/id_codec.h"

namespace jobflow {
namespace {

// An invertible 64-bit mix (each step is a bijection on 64-bit words).
std::uint64_t mix(std::uint64_t x, std::uint64_t salt) {
  x ^= salt;
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185ULL;
  x ^= x >> 27;
  x *= 0x81dadef4bc2dd44dULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

std::string IdCodec::encode(std::string_view prefix, std::uint64_t number) const {
  static constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  // 36^13 > 2^64, so every 64-bit value fits in 13 base-36 digits.
  char digits[13];
  // Each prefix gets its own bijection, so j-, s- and ig- ids of the same number differ.
  std::uint64_t prefix_salt = 0xcbf29ce484222325ULL;
  for (char c : prefix) prefix_salt = (prefix_salt ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  std::uint64_t v = mix(number, salt_ ^ prefix_salt);
  for (int i = 12; i >= 0; --i) {
    digits[i] = kDigits[v % 36];
    v /= 36;
  }
  std::string id(prefix);
  id.append(digits, 13);
  return id;
}

}  // namespace jobflow
