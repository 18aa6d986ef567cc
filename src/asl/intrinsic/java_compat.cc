#include "asl/intrinsic/java_compat.h"

#include <algorithm>
#include <cmath>

namespace jobflow::asl::intrinsic::java {
namespace {

// Calls `emit(unit)` for each UTF-16 code unit of UTF-8 text. Invalid bytes count as one unit
// each (Java would have decoded them to U+FFFD, also one unit).
template <class Emit>
void for_each_utf16_unit(std::string_view utf8, Emit emit) {
  std::size_t i = 0;
  while (i < utf8.size()) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t code = 0xFFFD;
    std::size_t length = 1;
    if (c < 0x80) {
      code = c;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    }
    if (length > 1) {
      bool valid = i + length <= utf8.size();
      for (std::size_t k = 1; valid && k < length; ++k) {
        auto next = static_cast<unsigned char>(utf8[i + k]);
        if ((next & 0xC0) != 0x80) valid = false;
        code = (code << 6) | (next & 0x3F);
      }
      if (!valid) {
        code = 0xFFFD;
        length = 1;
      }
    }
    i += length;
    if (code >= 0x10000) {
      code -= 0x10000;
      emit(static_cast<std::uint16_t>(0xD800 + (code >> 10)));
      emit(static_cast<std::uint16_t>(0xDC00 + (code & 0x3FF)));
    } else {
      emit(static_cast<std::uint16_t>(code));
    }
  }
}

void append_number_or_literal(std::string& out, const Json& value) { out += to_text(value); }

}  // namespace

std::int64_t round_half_up(double d) {
  double floor = std::floor(d);
  // d - floor is exact for doubles, so this is Java's floor(d + 0.5) without its rounding error.
  double result = d - floor >= 0.5 ? floor + 1 : floor;
  return static_cast<std::int64_t>(result);
}

std::size_t utf16_length(std::string_view utf8) {
  std::size_t count = 0;
  for_each_utf16_unit(utf8, [&](std::uint16_t) { ++count; });
  return count;
}

std::int32_t string_hash(std::string_view utf8) {
  std::uint32_t hash = 0;
  for_each_utf16_unit(utf8, [&](std::uint16_t unit) { hash = 31 * hash + unit; });
  return static_cast<std::int32_t>(hash);
}

std::vector<std::size_t> hash_map_order(const std::vector<std::string_view>& keys) {
  std::size_t capacity = 16;
  std::size_t threshold = 12;
  for (std::size_t size = 1; size <= keys.size(); ++size) {
    if (size > threshold) {
      capacity *= 2;
      threshold *= 2;
    }
  }
  std::vector<std::size_t> buckets(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto h = static_cast<std::uint32_t>(string_hash(keys[i]));
    h ^= h >> 16;
    buckets[i] = h & (capacity - 1);
  }
  std::vector<std::size_t> order(keys.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return buckets[a] < buckets[b]; });
  return order;
}

void append_to_string(std::string& out, const Json& value) {
  switch (value.kind()) {
    case boost::json::kind::string:
      out.append(value.get_string().data(), value.get_string().size());
      break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ", ";
        first = false;
        append_to_string(out, item);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ", ";
        first = false;
        out.append(member.key().data(), member.key().size());
        out += '=';
        append_to_string(out, member.value());
      }
      out += '}';
      break;
    }
    default:
      append_number_or_literal(out, value);
  }
}

JavaRandom::JavaRandom(std::int64_t seed)
    : seed_((static_cast<std::uint64_t>(seed) ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1)) {}

std::int32_t JavaRandom::next(int bits) {
  seed_ = (seed_ * 0x5DEECE66DULL + 0xBULL) & ((1ULL << 48) - 1);
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(seed_ >> (48 - bits)));
}

std::int32_t JavaRandom::next_int(std::int32_t bound) {
  std::int32_t r = next(31);
  std::int32_t m = bound - 1;
  if ((bound & m) == 0) {
    return static_cast<std::int32_t>((static_cast<std::int64_t>(bound) * r) >> 31);
  }
  // Java: for (int u = r; u - (r = u % bound) + m < 0; u = next(31)); with int wrap-around.
  for (std::int32_t u = r;; u = next(31)) {
    r = u % bound;
    auto check = static_cast<std::int32_t>(static_cast<std::uint32_t>(u) -
                                           static_cast<std::uint32_t>(r) +
                                           static_cast<std::uint32_t>(m));
    if (check >= 0) break;
  }
  return r;
}

}  // namespace jobflow::asl::intrinsic::java
