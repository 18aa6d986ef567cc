#include "asl/value/random_uuid.h"

#include <cstdint>

namespace jobflow::asl {

std::string random_uuid(Random& random) {
  std::uint64_t high = random.next();
  std::uint64_t low = random.next();
  high = (high & ~0xF000ULL) | 0x4000ULL;                       // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 15; i >= 0; --i) {
    out += kHex[(high >> (i * 4)) & 15];
    if (i == 8 || i == 4) out += '-';
  }
  out += '-';
  for (int i = 15; i >= 0; --i) {
    out += kHex[(low >> (i * 4)) & 15];
    if (i == 12) out += '-';
  }
  return out;
}

}  // namespace jobflow::asl
