#include "asl/jsonata/step_functions_library.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <utility>

#include "asl/intrinsic/hex_digest.h"
#include "asl/value/random_uuid.h"
#include "jsonata/error/jsonata_error.h"
#include "jsonata/functions/function_registry.h"
#include "jsonata/functions/standard_library.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/object_data.h"

namespace jobflow::asl {
namespace {

using jsonata::ArrayData;
using jsonata::JsonataError;
using jsonata::NativeCall;
using jsonata::Value;

thread_local LibraryScope* current_scope = nullptr;

// $range refuses to build more items than AWS does (a third-party measurement of AWS: 360,145
// accepted, one more refused with the evaluator's memory-limit error). See README.md.
constexpr std::int64_t kMaxRangeItems = 360145;

// An error of our own functions: no JSONata code, AWS's cause then reads "threw an error during
// evaluation: <message>".
[[noreturn]] void fail(std::string message) { throw JsonataError{"", std::move(message)}; }

// A number argument as an integer, rounded towards zero (as Java's (long) cast does).
std::int64_t integer_of(const Value& value) {
  const double n = std::trunc(value.as_number());
  if (n >= 9.2e18) return std::numeric_limits<std::int64_t>::max();
  if (n <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(n);
}

Value array_of(std::vector<Value> items, bool sequence = false) {
  auto data = std::make_shared<ArrayData>();
  data->items = std::move(items);
  data->sequence = sequence;
  return Value::array(std::move(data));
}

// $partition(array, size): `a` in the signature hands a single value over as a one-item array.
Value partition(NativeCall&, std::span<const Value> args) {
  const Value& array = jsonata::argument(args, 0);
  const Value& size_arg = jsonata::argument(args, 1);
  if (array.is_undefined() || size_arg.is_undefined()) return {};
  const std::int64_t size = integer_of(size_arg);
  const std::size_t count = array.size();
  if (size <= 0 || count == 0) return {};
  const auto chunk = static_cast<std::size_t>(size);
  std::vector<Value> chunks;
  chunks.reserve((count + chunk - 1) / chunk);
  for (std::size_t i = 0; i < count; i += chunk) {
    std::vector<Value> items;
    const std::size_t end = std::min(count, i + chunk);
    items.reserve(end - i);
    for (std::size_t k = i; k < end; ++k) items.push_back(array.at(k));
    chunks.push_back(array_of(std::move(items)));
  }
  return array_of(std::move(chunks));
}

// $range(start, end, step): a result sequence, so that one item comes out as the bare item (AWS,
// recorded) and none as undefined.
Value range(NativeCall&, std::span<const Value> args) {
  const Value& start_arg = jsonata::argument(args, 0);
  const Value& end_arg = jsonata::argument(args, 1);
  const Value& step_arg = jsonata::argument(args, 2);
  if (start_arg.is_undefined() || end_arg.is_undefined() || step_arg.is_undefined()) return {};
  const std::int64_t start = integer_of(start_arg);
  const std::int64_t end = integer_of(end_arg);
  const std::int64_t step = integer_of(step_arg);
  if (step == 0) return {};
  __int128 count = 0;
  if ((step > 0 && start <= end) || (step < 0 && start >= end)) {
    count = (static_cast<__int128>(end) - start) / step + 1;
  }
  if (count == 0) return {};
  if (count > kMaxRangeItems) fail("Expression evaluation memory limit exceeded: Check for excessive memory usage");
  std::vector<Value> items;
  items.reserve(static_cast<std::size_t>(count));
  for (__int128 k = 0; k < count; ++k) items.push_back(Value::number(static_cast<double>(start + k * step)));
  return array_of(std::move(items), /*sequence=*/true);
}

Value hash(NativeCall&, std::span<const Value> args) {
  const Value& data = jsonata::argument(args, 0);
  const Value& algorithm_arg = jsonata::argument(args, 1);
  if (data.is_undefined() || algorithm_arg.is_undefined()) return {};
  const std::string_view algorithm = algorithm_arg.as_string();
  auto digest = hex_digest(algorithm, data.as_string());
  if (!digest && digest.error() == DigestError::kUnknownAlgorithm) {
    fail("The hash algorithm '" + std::string(algorithm) +
         "' is not supported. Supported algorithms: MD5, SHA-1, SHA-256, SHA-384, SHA-512");
  }
  if (!digest) fail("The " + std::string(algorithm) + " digest could not be computed");
  return Value::string(std::move(*digest));
}

Random& random_source(std::string_view function) {
  LibraryScope* scope = LibraryScope::current();
  if (scope == nullptr || scope->random() == nullptr) {
    fail("The function $" + std::string(function) + " has no source of randomness");
  }
  return *scope->random();
}

// java.util.Random(seed).nextDouble(): the 48-bit linear congruential generator of its Javadoc.
double java_random_double(std::int64_t seed) {
  constexpr std::uint64_t kMultiplier = 0x5DEECE66DULL;
  constexpr std::uint64_t kMask = (1ULL << 48) - 1;
  std::uint64_t state = (static_cast<std::uint64_t>(seed) ^ kMultiplier) & kMask;
  auto next = [&](int bits) {
    state = (state * kMultiplier + 0xBULL) & kMask;
    return static_cast<std::int64_t>(state >> (48 - bits));
  };
  const std::int64_t high = next(26);
  const std::int64_t low = next(27);
  return static_cast<double>((high << 27) + low) * 0x1.0p-53;
}

Value random(NativeCall&, std::span<const Value> args) {
  const Value& seed = jsonata::argument(args, 0);
  if (!seed.is_undefined()) return Value::number(java_random_double(integer_of(seed)));
  return Value::number(static_cast<double>(random_source("random").next() >> 11) * 0x1.0p-53);
}

Value uuid(NativeCall&, std::span<const Value>) {
  return Value::string(random_uuid(random_source("uuid")));
}

// A JSON value as an owned JSONata value (numbers become doubles), for $parse without a scope.
Value owned_value(const Json& json) {
  switch (json.kind()) {
    case boost::json::kind::null: return Value::null();
    case boost::json::kind::bool_: return Value::boolean(json.get_bool());
    case boost::json::kind::int64: return Value::number(static_cast<double>(json.get_int64()));
    case boost::json::kind::uint64: return Value::number(static_cast<double>(json.get_uint64()));
    case boost::json::kind::double_: return Value::number(json.get_double());
    case boost::json::kind::string: return Value::string(std::string(json.get_string()));
    case boost::json::kind::array: {
      std::vector<Value> items;
      items.reserve(json.get_array().size());
      for (const Json& item : json.get_array()) items.push_back(owned_value(item));
      return array_of(std::move(items));
    }
    case boost::json::kind::object: {
      auto object = std::make_shared<jsonata::ObjectData>();
      for (const auto& member : json.get_object()) object->set(std::string(member.key()), owned_value(member.value()));
      return Value::object(std::move(object));
    }
  }
  return {};
}

Value parse(NativeCall&, std::span<const Value> args) {
  const Value& text = jsonata::argument(args, 0);
  if (text.is_undefined()) return {};
  JsonPtr document = parse_json(text.as_string());
  if (document == nullptr) fail("The input string is not valid JSON: " + std::string(text.as_string()));
  if (LibraryScope* scope = LibraryScope::current()) return Value::borrowed(scope->keep(std::move(document)));
  return owned_value(*document);
}

}  // namespace

LibraryScope::LibraryScope(Random* random) : random_(random), previous_(current_scope) { current_scope = this; }

LibraryScope::~LibraryScope() { current_scope = previous_; }

LibraryScope* LibraryScope::current() { return current_scope; }

const Json& LibraryScope::keep(JsonPtr document) {
  documents_.push_back(std::move(document));
  return *documents_.back();
}

jsonata::FramePtr step_functions_library() {
  static const jsonata::FramePtr library = [] {
    auto frame = std::make_shared<jsonata::Frame>(jsonata::standard_library());
    jsonata::FunctionRegistry registry(*frame);
    registry.define("partition", "<an:a>", 2, partition);
    registry.define("range", "<nnn?:a>", 3, range);
    registry.define("hash", "<ss?:s>", 2, hash);
    registry.define("random", "<n?:n>", 1, random);
    registry.define("uuid", "<:s>", 0, uuid);
    registry.define("parse", "<s:x>", 1, parse);
    // Not available in Step Functions: bound to nothing here, so the standard library's $eval is
    // out of reach and a call is T1006, as AWS answers.
    frame->bind("eval", Value());
    return frame;
  }();
  return library;
}

}  // namespace jobflow::asl
