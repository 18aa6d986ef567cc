#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "asl/value/json.h"

// Step Functions runs Java: the few Java library behaviours that show through intrinsic results.
namespace jobflow::asl::intrinsic::java {

// Math.round(double): half up, toward positive infinity (1.5 -> 2, -1.5 -> -1, -2.5 -> -2).
// The caller checks that `d` is finite and within the range it accepts.
std::int64_t round_half_up(double d);

// String.length(): the number of UTF-16 code units of UTF-8 text.
std::size_t utf16_length(std::string_view utf8);

// String.hashCode() of UTF-8 text (computed over its UTF-16 code units).
std::int32_t string_hash(std::string_view utf8);

// The iteration order of a java.util.HashMap<String, ?> into which `keys` (distinct) were put in
// this order, starting from `new HashMap<>()` (capacity 16, load factor 0.75, doubling): indexes
// into `keys`, by bucket, then by insertion order within a bucket.
std::vector<std::size_t> hash_map_order(const std::vector<std::string_view>& keys);

// String.valueOf(o) of the Java object Jackson maps `value` to: strings raw, null as "null",
// numbers and booleans as JSON, objects as Map.toString ("{a=1, b=[x, y]}"), arrays as
// List.toString ("[1, 2]").
void append_to_string(std::string& out, const Json& value);

// java.util.Random: the 48-bit linear congruential generator, for States.MathRandom with a seed.
class JavaRandom {
 public:
  explicit JavaRandom(std::int64_t seed);
  // Random.nextInt(bound); `bound` > 0.
  std::int32_t next_int(std::int32_t bound);

 private:
  std::int32_t next(int bits);
  std::uint64_t seed_;
};

}  // namespace jobflow::asl::intrinsic::java
