#include "asl/intrinsic/functions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "asl/intrinsic/hex_digest.h"
#include "asl/intrinsic/java_compat.h"
#include "asl/value/random_uuid.h"
#include "base/base64.h"

namespace jobflow::asl::intrinsic {
namespace {

constexpr std::size_t kMaxRangeItems = 1000;
constexpr std::size_t kMaxEncodingChars = 10000;  // Base64Encode/Decode and Hash inputs

constexpr std::array<FunctionInfo, 18> kFunctions{{
    {Function::kFormat, "States.Format", 1, -1},
    {Function::kStringToJson, "States.StringToJson", 1, 1},
    {Function::kJsonToString, "States.JsonToString", 1, 1},
    {Function::kArray, "States.Array", 0, -1},
    {Function::kArrayPartition, "States.ArrayPartition", 2, 2},
    {Function::kArrayContains, "States.ArrayContains", 2, 2},
    {Function::kArrayRange, "States.ArrayRange", 3, 3},
    {Function::kArrayGetItem, "States.ArrayGetItem", 2, 2},
    {Function::kArrayLength, "States.ArrayLength", 1, 1},
    {Function::kArrayUnique, "States.ArrayUnique", 1, 1},
    {Function::kBase64Encode, "States.Base64Encode", 1, 1},
    {Function::kBase64Decode, "States.Base64Decode", 1, 1},
    {Function::kHash, "States.Hash", 2, 2},
    {Function::kJsonMerge, "States.JsonMerge", 3, 3},
    {Function::kMathRandom, "States.MathRandom", 2, 3},
    {Function::kMathAdd, "States.MathAdd", 2, 2},
    {Function::kStringSplit, "States.StringSplit", 2, 2},
    {Function::kUuid, "States.UUID", 0, 0},
}};

constexpr bool table_matches_enum() {
  for (std::size_t i = 0; i < kFunctions.size(); ++i) {
    if (kFunctions[i].id != static_cast<Function>(i)) return false;
  }
  return true;
}
static_assert(table_matches_enum(), "kFunctions must list the functions in enum order");

// ---- Failure texts (none is recorded from AWS: see src/asl/README.md, "## intrinsic/") ----

std::string describe(const Json& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "a value";
}

Failure fail(Function id, const std::string& detail) {
  return Failure::intrinsic("The function " + std::string(function_info(id).name) + " " + detail);
}

Failure wrong_count(const FunctionInfo& info, std::size_t given) {
  std::string expected;
  auto plural = [](int n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); };
  if (info.max_args < 0) {
    expected = "at least " + plural(info.min_args);
  } else if (info.min_args == info.max_args) {
    expected = plural(info.min_args);
  } else {
    expected = "between " + std::to_string(info.min_args) + " and " + plural(info.max_args);
  }
  return fail(info.id, "expects " + expected + ", but received " + std::to_string(given) + ".");
}

Failure wrong_type(Function id, std::size_t index, std::string_view expected, const Json& got) {
  return fail(id, "expects argument " + std::to_string(index + 1) + " to be " +
                      std::string(expected) + ", but it is " + describe(got) + ".");
}

// ---- Argument access ----

std::optional<std::int64_t> as_integer(const Json& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) {
    if (value.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(value.get_uint64());
  }
  if (value.is_double()) {
    double d = value.get_double();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) {
      return static_cast<std::int64_t>(d);
    }
  }
  return std::nullopt;
}

// A number rounded half up (Java Math.round) into the 32-bit range, for MathAdd and MathRandom.
std::optional<std::int64_t> rounded_int32(const Json& value) {
  std::int64_t rounded = 0;
  if (value.is_double()) {
    double d = value.get_double();
    if (!std::isfinite(d) || std::fabs(d) > 1e10) return std::nullopt;
    rounded = java::round_half_up(d);
  } else if (auto integer = as_integer(value)) {
    rounded = *integer;
  } else {
    return std::nullopt;
  }
  if (rounded < std::numeric_limits<std::int32_t>::min() ||
      rounded > std::numeric_limits<std::int32_t>::max()) {
    return std::nullopt;
  }
  return rounded;
}

#define JOBFLOW_EXPECT_KIND(id, args, index, predicate, expected)       \
  if (!(args)[index]->predicate()) {                                     \
    return raise(wrong_type(id, index, expected, *(args)[index]));       \
  }

std::string_view string_of(const Json& value) {
  const auto& s = value.get_string();
  return {s.data(), s.size()};
}

// new String(bytes, UTF_8): each malformed byte becomes U+FFFD, so the result is valid UTF-8.
std::string utf8_or_replacement(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                     : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = length > 0 && i + length <= bytes.size();
    std::uint32_t code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F)
                                                                                  : (c & 0x07);
    for (std::size_t k = 1; valid && k < length; ++k) {
      auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xC0) != 0x80) valid = false;
      code = (code << 6) | (next & 0x3F);
    }
    if (valid && length > 1) {  // overlong forms, surrogates, beyond U+10FFFF
      static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      if (code < kMin[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        valid = false;
      }
    }
    if (valid) {
      out.append(bytes.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// Decodes one UTF-8 code point at `i` (advancing it); malformed bytes are taken one at a time.
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  auto c = static_cast<unsigned char>(text[i]);
  std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                   : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + length > text.size()) length = 1;
  std::uint32_t code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F)
                                                                                : (c & 0x07);
  for (std::size_t k = 1; k < length; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += length;
  return code;
}

// ---- The functions ----

Outcome<JsonPtr> format(std::span<const JsonPtr> args, const CallContext& context) {
  constexpr Function id = Function::kFormat;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_string, "a string")
  std::string_view tpl = string_of(*args[0]);
  std::vector<std::size_t> scanned;
  const std::vector<std::size_t>* holes = context.format_holes;
  if (holes == nullptr) {
    for (std::size_t pos = tpl.find("{}"); pos != std::string_view::npos;
         pos = tpl.find("{}", pos + 2)) {
      scanned.push_back(pos);
    }
    holes = &scanned;
  }
  if (holes->size() != args.size() - 1) {
    return raise(fail(id, "has " + std::to_string(holes->size()) +
                              " placeholders '{}' in its template, but received " +
                              std::to_string(args.size() - 1) + " values to format."));
  }
  std::string out;
  out.reserve(tpl.size() + 16 * holes->size());
  std::size_t from = 0;
  for (std::size_t k = 0; k < holes->size(); ++k) {
    out.append(tpl.substr(from, (*holes)[k] - from));
    java::append_to_string(out, *args[k + 1]);
    from = (*holes)[k] + 2;
  }
  out.append(tpl.substr(from));
  return make_json(Json(boost::json::string(out)));
}

Outcome<JsonPtr> string_to_json(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kStringToJson;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_string, "a string")
  std::string_view text = string_of(*args[0]);
  // String.trim(): everything up to U+0020.
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20) text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20) text.remove_suffix(1);
  if (text.empty()) return json_null();
  JsonPtr parsed = parse_json(text);
  if (parsed == nullptr) {
    return raise(fail(id, "received a string that is not valid JSON."));
  }
  return parsed;
}

Outcome<JsonPtr> json_to_string(std::span<const JsonPtr> args) {
  return make_json(Json(boost::json::string(to_text(*args[0]))));
}

Outcome<JsonPtr> array(std::span<const JsonPtr> args) {
  boost::json::array out;
  out.reserve(args.size());
  for (const auto& arg : args) out.push_back(*arg);
  return make_json(Json(std::move(out)));
}

Outcome<JsonPtr> array_partition(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kArrayPartition;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_array, "an array")
  auto size = as_integer(*args[1]);
  if (!size) return raise(wrong_type(id, 1, "an integer", *args[1]));
  if (*size <= 0) {
    return raise(fail(id, "received the chunk size " + std::to_string(*size) +
                              ", but the chunk size must be greater than 0."));
  }
  const auto& items = args[0]->get_array();
  auto chunk = static_cast<std::size_t>(*size);
  boost::json::array out;
  out.reserve((items.size() + chunk - 1) / chunk);
  for (std::size_t i = 0; i < items.size(); i += chunk) {
    boost::json::array part;
    std::size_t end = std::min(items.size(), i + chunk);
    part.reserve(end - i);
    for (std::size_t k = i; k < end; ++k) part.push_back(items[k]);
    out.push_back(Json(std::move(part)));
  }
  return make_json(Json(std::move(out)));
}

Outcome<JsonPtr> array_contains(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kArrayContains;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_array, "an array")
  for (const auto& item : args[0]->get_array()) {
    if (json_equal(item, *args[1])) return make_json(Json(true));
  }
  return make_json(Json(false));
}

Outcome<JsonPtr> array_range(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kArrayRange;
  std::int64_t values[3];
  for (std::size_t k = 0; k < 3; ++k) {
    auto integer = as_integer(*args[k]);
    if (!integer) return raise(wrong_type(id, k, "an integer", *args[k]));
    values[k] = *integer;
  }
  auto [start, end, step] = values;
  if (step == 0) return raise(fail(id, "received the step 0, but the step must not be 0."));
  __int128 count = 0;
  if ((step > 0 && start <= end) || (step < 0 && start >= end)) {
    count = (static_cast<__int128>(end) - start) / step + 1;
  }
  if (count > static_cast<__int128>(kMaxRangeItems)) {
    return raise(fail(id, "would create " + std::to_string(static_cast<long long>(
                              std::min<__int128>(count, std::numeric_limits<long long>::max()))) +
                              " items, but at most " + std::to_string(kMaxRangeItems) +
                              " are allowed."));
  }
  boost::json::array out;
  out.reserve(static_cast<std::size_t>(count));
  for (__int128 k = 0; k < count; ++k) {
    out.push_back(static_cast<std::int64_t>(start + k * step));
  }
  return make_json(Json(std::move(out)));
}

Outcome<JsonPtr> array_get_item(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kArrayGetItem;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_array, "an array")
  auto index = as_integer(*args[1]);
  if (!index) return raise(wrong_type(id, 1, "an integer", *args[1]));
  const auto& items = args[0]->get_array();
  if (*index < 0 || static_cast<std::uint64_t>(*index) >= items.size()) {
    return raise(fail(id, "received the index " + std::to_string(*index) +
                              ", which is out of bounds for an array of length " +
                              std::to_string(items.size()) + "."));
  }
  return alias(args[0], items[static_cast<std::size_t>(*index)]);
}

Outcome<JsonPtr> array_length(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kArrayLength;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_array, "an array")
  return make_json(Json(static_cast<std::int64_t>(args[0]->get_array().size())));
}

Outcome<JsonPtr> array_unique(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kArrayUnique;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_array, "an array")
  const auto& items = args[0]->get_array();
  std::vector<const Json*> kept;
  kept.reserve(items.size());
  for (const auto& item : items) {
    bool seen = false;
    for (const Json* other : kept) {
      if (json_equal(*other, item)) {
        seen = true;
        break;
      }
    }
    if (!seen) kept.push_back(&item);
  }
  if (kept.size() == items.size()) return args[0];  // nothing removed: share the input
  boost::json::array out;
  out.reserve(kept.size());
  for (const Json* item : kept) out.push_back(*item);
  return make_json(Json(std::move(out)));
}

Outcome<JsonPtr> check_encoding_input(Function id, std::span<const JsonPtr> args) {
  JOBFLOW_EXPECT_KIND(id, args, 0, is_string, "a string")
  std::size_t length = java::utf16_length(string_of(*args[0]));
  if (length > kMaxEncodingChars) {
    return raise(fail(id, "received an input of " + std::to_string(length) +
                              " characters, but at most " + std::to_string(kMaxEncodingChars) +
                              " are allowed."));
  }
  return args[0];
}

Outcome<JsonPtr> base64_encode_function(std::span<const JsonPtr> args) {
  if (auto checked = check_encoding_input(Function::kBase64Encode, args); !checked) return checked;
  return make_json(Json(boost::json::string(base64_encode(string_of(*args[0])))));
}

Outcome<JsonPtr> base64_decode_function(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kBase64Decode;
  if (auto checked = check_encoding_input(id, args); !checked) return checked;
  auto bytes = base64_decode(string_of(*args[0]));
  if (!bytes) return raise(fail(id, "received an input that is not valid Base64."));
  return make_json(Json(boost::json::string(utf8_or_replacement(*bytes))));
}

Outcome<JsonPtr> hash(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kHash;
  if (auto checked = check_encoding_input(id, args); !checked) return checked;
  JOBFLOW_EXPECT_KIND(id, args, 1, is_string, "a string")
  std::string_view algorithm = string_of(*args[1]);
  auto digest = hex_digest(algorithm, string_of(*args[0]));
  if (!digest && digest.error() == DigestError::kUnknownAlgorithm) {
    return raise(fail(id, "received the algorithm '" + std::string(algorithm) +
                              "', but the supported algorithms are MD5, SHA-1, SHA-256, "
                              "SHA-384 and SHA-512."));
  }
  if (!digest) return raise(fail(id, "could not compute the " + std::string(algorithm) + " digest."));
  return make_json(Json(boost::json::string(*digest)));
}

// Shallow merge, the right side winning. The result's keys come in the iteration order of the
// java.util.HashMap AWS merges into (recorded: {"a","b","d"} + {"a","c","d"} -> a, b, c, d).
Outcome<JsonPtr> json_merge(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kJsonMerge;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_object, "an object")
  JOBFLOW_EXPECT_KIND(id, args, 1, is_object, "an object")
  JOBFLOW_EXPECT_KIND(id, args, 2, is_bool, "a boolean")
  if (args[2]->get_bool()) {
    return raise(fail(id, "does not support a deep merge: argument 3 must be false."));
  }
  const auto& left = args[0]->get_object();
  const auto& right = args[1]->get_object();
  std::vector<std::string_view> keys;
  std::vector<const Json*> values;
  keys.reserve(left.size() + right.size());
  values.reserve(left.size() + right.size());
  for (const auto& member : left) {
    keys.emplace_back(member.key().data(), member.key().size());
    auto it = right.find(member.key());
    values.push_back(it != right.end() ? &it->value() : &member.value());
  }
  for (const auto& member : right) {
    if (left.contains(member.key())) continue;
    keys.emplace_back(member.key().data(), member.key().size());
    values.push_back(&member.value());
  }
  boost::json::object out;
  out.reserve(keys.size());
  for (std::size_t i : java::hash_map_order(keys)) {
    out.emplace(boost::json::string_view(keys[i].data(), keys[i].size()), *values[i]);
  }
  return make_json(Json(std::move(out)));
}

Outcome<JsonPtr> math_random(std::span<const JsonPtr> args, Random* random) {
  constexpr Function id = Function::kMathRandom;
  std::int64_t values[3] = {0, 0, 0};
  for (std::size_t k = 0; k < args.size(); ++k) {
    if (!args[k]->is_number()) return raise(wrong_type(id, k, "a number", *args[k]));
    auto value = rounded_int32(*args[k]);
    if (!value) {
      return raise(fail(id, "received " + to_text(*args[k]) + " as argument " +
                                std::to_string(k + 1) +
                                ", which is outside the range of a 32-bit integer."));
    }
    values[k] = *value;
  }
  std::int64_t start = values[0];
  std::int64_t end = values[1];
  if (start >= end) {
    return raise(fail(id, "received the start " + std::to_string(start) + " and the end " +
                              std::to_string(end) + ", but the start must be less than the end."));
  }
  std::int64_t bound = end - start;
  if (args.size() == 3) {
    if (bound > std::numeric_limits<std::int32_t>::max()) {
      return raise(fail(id, "received a range from " + std::to_string(start) + " to " +
                                std::to_string(end) + " that is too large."));
    }
    java::JavaRandom seeded(values[2]);
    return make_json(Json(start + seeded.next_int(static_cast<std::int32_t>(bound))));
  }
  if (random == nullptr) {
    return raise(Failure::runtime("States.MathRandom has no source of randomness."));
  }
  auto draw = static_cast<std::int64_t>(
      (static_cast<unsigned __int128>(random->next()) * static_cast<std::uint64_t>(bound)) >> 64);
  return make_json(Json(start + draw));
}

Outcome<JsonPtr> math_add(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kMathAdd;
  std::int64_t sum = 0;
  for (std::size_t k = 0; k < 2; ++k) {
    if (!args[k]->is_number()) return raise(wrong_type(id, k, "a number", *args[k]));
    auto value = rounded_int32(*args[k]);
    if (!value) {
      return raise(fail(id, "received " + to_text(*args[k]) + " as argument " +
                                std::to_string(k + 1) +
                                ", which is outside the range of a 32-bit integer."));
    }
    sum += *value;
  }
  return make_json(Json(sum));
}

// java.util.StringTokenizer: every character of the 2nd argument is a delimiter; empty tokens
// are dropped.
Outcome<JsonPtr> string_split(std::span<const JsonPtr> args) {
  constexpr Function id = Function::kStringSplit;
  JOBFLOW_EXPECT_KIND(id, args, 0, is_string, "a string")
  JOBFLOW_EXPECT_KIND(id, args, 1, is_string, "a string")
  std::string_view text = string_of(*args[0]);
  std::string_view delimiter_text = string_of(*args[1]);
  std::vector<std::uint32_t> delimiters;
  for (std::size_t i = 0; i < delimiter_text.size();) {
    delimiters.push_back(next_code_point(delimiter_text, i));
  }
  boost::json::array out;
  std::size_t token_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    std::uint32_t code = next_code_point(text, i);
    if (std::find(delimiters.begin(), delimiters.end(), code) != delimiters.end()) {
      if (at > token_start) {
        out.emplace_back(boost::json::string(text.substr(token_start, at - token_start)));
      }
      token_start = i;
    }
  }
  if (text.size() > token_start) {
    out.emplace_back(boost::json::string(text.substr(token_start)));
  }
  return make_json(Json(std::move(out)));
}

Outcome<JsonPtr> uuid(Random* random) {
  if (random == nullptr) return raise(Failure::runtime("States.UUID has no source of randomness."));
  return make_json(Json(boost::json::string(random_uuid(*random))));
}

#undef JOBFLOW_EXPECT_KIND

}  // namespace

const FunctionInfo* find_function(std::string_view name) {
  for (const auto& info : kFunctions) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const FunctionInfo& function_info(Function id) { return kFunctions[static_cast<std::size_t>(id)]; }

Outcome<JsonPtr> call_function(Function id, std::span<const JsonPtr> args,
                               const CallContext& context) {
  const FunctionInfo& info = function_info(id);
  if (args.size() < static_cast<std::size_t>(info.min_args) ||
      (info.max_args >= 0 && args.size() > static_cast<std::size_t>(info.max_args))) {
    return raise(wrong_count(info, args.size()));
  }
  switch (id) {
    case Function::kFormat: return format(args, context);
    case Function::kStringToJson: return string_to_json(args);
    case Function::kJsonToString: return json_to_string(args);
    case Function::kArray: return array(args);
    case Function::kArrayPartition: return array_partition(args);
    case Function::kArrayContains: return array_contains(args);
    case Function::kArrayRange: return array_range(args);
    case Function::kArrayGetItem: return array_get_item(args);
    case Function::kArrayLength: return array_length(args);
    case Function::kArrayUnique: return array_unique(args);
    case Function::kBase64Encode: return base64_encode_function(args);
    case Function::kBase64Decode: return base64_decode_function(args);
    case Function::kHash: return hash(args);
    case Function::kJsonMerge: return json_merge(args);
    case Function::kMathRandom: return math_random(args, context.random);
    case Function::kMathAdd: return math_add(args);
    case Function::kStringSplit: return string_split(args);
    case Function::kUuid: return uuid(context.random);
  }
  return raise(Failure::intrinsic("Unknown intrinsic function."));
}

}  // namespace jobflow::asl::intrinsic
