#include "http/request_id.h"

#include <cstdint>
#include <random>

namespace jobflow::http {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::mt19937_64& generator() {
  thread_local std::mt19937_64 gen = [] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }();
  return gen;
}

}  // namespace

std::string make_request_id() {
  auto& gen = generator();
  std::uint64_t hi = gen();
  std::uint64_t lo = gen();
  // Version 4 and the RFC 4122 variant, so tools that validate UUIDs accept it.
  hi = (hi & ~0xF000ull) | 0x4000ull;
  lo = (lo & ~(0xC000ull << 48)) | (0x8000ull << 48);

  std::string out(36, '-');
  std::size_t pos = 0;
  auto put = [&](std::uint64_t v, int nibbles) {
    for (int i = nibbles - 1; i >= 0; --i) {
      if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
      out[pos++] = kHexDigits[(v >> (i * 4)) & 0xF];
    }
  };
  put(hi, 16);
  put(lo, 16);
  return out;
}

}  // namespace jobflow::http
