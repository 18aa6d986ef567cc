#include "frontend/livy/jackson_binding.h"

#include <algorithm>

#include "frontend/livy/java_text.h"

// Follows jackson-databind 2.12.7 (DeserializationContext, StdDeserializer, StringDeserializer,
// NumberDeserializers, CollectionDeserializer, MapDeserializer, BeanDeserializer,
// deser/impl/BeanPropertyMap, cfg/CoercionConfigs) and jackson-module-scala 2.12.7
// (GenericFactoryDeserializerResolver, GenericMapFactoryDeserializerResolver).
namespace jobflow::frontend::livy {
namespace {

constexpr std::string_view kStringType = "`java.lang.String`";
constexpr std::string_view kIntType = "`int`";
constexpr std::string_view kIntegerType = "`java.lang.Integer`";
constexpr std::string_view kListType = "`scala.collection.immutable.List<java.lang.String>`";
constexpr std::string_view kMapType = "`scala.collection.immutable.Map<java.lang.String,java.lang.String>`";
// What the Scala module binds collections into; it shows in reference chains.
constexpr std::string_view kListBuilder = "com.fasterxml.jackson.module.scala.deser.GenericFactoryDeserializerResolver$BuilderWrapper";
constexpr std::string_view kMapBuilder =
    "com.fasterxml.jackson.module.scala.deser.GenericMapFactoryDeserializerResolver$BuilderWrapper";
constexpr std::string_view kCoercionHint = " (but could if coercion was enabled using `CoercionConfig`)";

std::int32_t java_string_hash(std::string_view ascii) {
  std::uint32_t h = 0;
  for (unsigned char c : ascii) h = 31 * h + c;
  return static_cast<std::int32_t>(h);
}

// A MismatchedInputException (or InvalidFormatException) at the current token.
[[noreturn]] void fail_mismatch(const JacksonParser& p, std::string message) {
  throw JacksonError{JacksonError::Kind::kMapping, std::move(message), p.token_location(), {}};
}

std::string_view shape_of(JsonToken t) {  // DeserializationContext._shapeForToken
  switch (t) {
    case JsonToken::kStartObject:
    case JsonToken::kEndObject:
    case JsonToken::kFieldName:
      return "Object value";
    case JsonToken::kStartArray:
    case JsonToken::kEndArray:
      return "Array value";
    case JsonToken::kTrue:
    case JsonToken::kFalse:
      return "Boolean value";
    case JsonToken::kFloat:
      return "Floating-point value";
    case JsonToken::kInt:
      return "Integer value";
    case JsonToken::kString:
      return "String value";
    case JsonToken::kNull:
      return "Null value";
    case JsonToken::kNone:
      break;
  }
  return "<end of input>";
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

// DatabindContext._quotedString: at most 500 + 500 chars.
std::string quoted(std::string_view text) {
  if (java_length(text) <= 500) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(java_prefix(text, 500)) + "]...[" + std::string(java_suffix(text, 500)) + "\"";
}

// StdDeserializer._parseIntPrimitive(ctxt, text): the trimmed text of a string bound to an int.
std::int32_t parse_int_text(const JacksonParser& p, const std::string& text) {
  const auto weird = [&](const std::string& why) {
    fail_mismatch(p, "Cannot deserialize value of type `int` from String " + quoted(text) + ": " + why);
  };
  if (java_length(text) > 9) {
    const auto l = java_parse_long(text);
    if (!l) weird("not a valid `int` value");
    if (*l < INT32_MIN || *l > INT32_MAX)
      weird("Overflow: numeric value (" + text + ") out of range of int (-2147483648 -2147483647)");
    return static_cast<std::int32_t>(*l);
  }
  const auto v = java_parse_int(text);
  if (!v) weird("not a valid `int` value");
  return *v;
}

// DeserializationContext.handleMissingInstantiator for a class that has a constructor, just not
// one taking this kind of value.
[[noreturn]] void fail_no_creator(const JacksonParser& p, const std::string& type, const std::string& what) {
  fail_mismatch(p, "Cannot construct instance of " + type + " (although at least one Creator exists): " + what);
}

// InvalidNullException, as Jackson words it for a null it may not take (see README).
[[noreturn]] void fail_null_element(const JacksonParser& p, std::string_view property) {
  fail_mismatch(p, "Invalid `null` value encountered for property \"" + std::string(property) + "\"");
}

}  // namespace

namespace jackson_detail {
int property_index(const JavaBean& bean, std::string_view name) {
  for (std::size_t i = 0; i < bean.properties.size(); ++i)
    if (bean.properties[i] == name) return static_cast<int>(i);
  return -1;
}
}  // namespace jackson_detail

std::vector<std::string_view> jackson_property_order(std::span<const std::string_view> declared) {
  const std::size_t n = declared.size();
  std::size_t hash_size = 8;
  if (n > 12) {
    const std::size_t needed = n + (n >> 2);
    hash_size = 32;
    while (hash_size < needed) hash_size += hash_size;
  } else if (n > 5) {
    hash_size = 16;
  }
  const std::size_t mask = hash_size - 1;
  std::vector<std::optional<std::string_view>> slots(hash_size + (hash_size >> 1));
  std::vector<std::string_view> spill;
  for (std::string_view name : declared) {
    const std::size_t slot = static_cast<std::uint32_t>(java_string_hash(name)) & mask;
    if (!slots[slot]) {
      slots[slot] = name;
    } else if (!slots[hash_size + (slot >> 1)]) {
      slots[hash_size + (slot >> 1)] = name;
    } else {
      spill.push_back(name);
    }
  }
  std::vector<std::string_view> out;
  for (const auto& s : slots)
    if (s) out.push_back(*s);
  out.insert(out.end(), spill.begin(), spill.end());
  return out;
}

void fail_unknown_property(const JacksonParser& p, const JavaBean& bean, const std::string& name) {
  const auto known = jackson_property_order(bean.properties);
  std::string message = "Unrecognized field \"" + name + "\" (class " + std::string(bean.class_name) +
                        "), not marked as ignorable";
  // PropertyBindingException.getMessageSuffix
  std::string suffix;
  if (known.size() == 1) {
    suffix = " (one known property: \"" + std::string(known[0]) + "\"";
  } else {
    suffix = " (" + std::to_string(known.size()) + " known properties: ";
    for (std::size_t i = 0; i < known.size(); ++i) {
      suffix += '"';
      suffix += known[i];
      suffix += '"';
      if (suffix.size() > 1000) {
        suffix += " [truncated]";
        break;
      }
      if (i + 1 < known.size()) suffix += ", ";
    }
  }
  suffix += "])";
  throw JacksonError{JacksonError::Kind::kMapping, message + suffix, p.current_location(), {{bean.class_name, name}}};
}

void fail_unexpected_token(JacksonParser& p, std::string_view type, JsonToken token) {
  if (is_scalar(token)) p.text();  // Jackson reads a scalar's text first, which may fail
  fail_mismatch(p, "Cannot deserialize value of type " + std::string(type) + " from " + std::string(shape_of(token)) +
                       " (token `JsonToken." + std::string(jackson_token_name(token)) + "`)");
}

void begin_bean(JacksonParser& p, const JavaBean& bean) {
  const JsonToken t = p.next_token();
  std::string type(1, '`');
  type += bean.class_name;
  type += '`';
  if (t == JsonToken::kStartObject) {
    p.next_token();
    return;
  }
  if (t == JsonToken::kNone) fail_mismatch(p, "No content to map due to end-of-input");
  if (t == JsonToken::kString) {
    const std::string& value = p.text();
    if (is_blank(value))
      fail_mismatch(p, "Cannot coerce empty String (\"\") to " + type + " value" + std::string(kCoercionHint));
    fail_no_creator(p, type, "no String-argument constructor/factory method to deserialize from String value ('" +
                                 std::string(java_trim(value)) + "')");
  }
  if (t == JsonToken::kInt) {
    const auto nt = p.number_type();
    if (nt == JacksonParser::NumberType::kInt)
      fail_no_creator(p, type, "no int/Int-argument constructor/factory method to deserialize from Number value (" +
                                   std::to_string(p.int_value()) + ")");
    if (nt == JacksonParser::NumberType::kLong)
      fail_no_creator(p, type, "no long/Long-argument constructor/factory method to deserialize from Number value (" +
                                   std::to_string(p.long_value()) + ")");
    fail_no_creator(p, type, "no BigInteger-argument constructor/factory method to deserialize from Number value (" +
                                 p.text() + ")");
  }
  if (t == JsonToken::kFloat)
    fail_no_creator(p, type, "no double/Double-argument constructor/factory method to deserialize from Number value (" +
                                 java_double_to_string(p.double_value()) + ")");
  if (t == JsonToken::kTrue || t == JsonToken::kFalse)
    fail_no_creator(p, type, "no boolean/Boolean-argument constructor/factory method to deserialize from boolean value (" +
                                 p.text() + ")");
  // START_ARRAY; and null, which Jackson turns into a null request (Livy then fails with a
  // NullPointerException, a 500): jobflow rejects it with the same wording as an array.
  fail_unexpected_token(p, type, t);
}

std::string read_string(JacksonParser& p) {
  const JsonToken t = p.current_token();
  if (t == JsonToken::kString) return p.text();
  if (t == JsonToken::kInt || t == JsonToken::kFloat || t == JsonToken::kTrue || t == JsonToken::kFalse)
    return p.text();  // scalars coerced to their text
  fail_unexpected_token(p, kStringType, t);  // arrays (no unwrapping) and objects
}

std::int32_t read_int(JacksonParser& p) {
  switch (const JsonToken t = p.current_token()) {
    case JsonToken::kInt:
    case JsonToken::kFloat:  // ACCEPT_FLOAT_AS_INT: truncated
      return p.int_value();
    case JsonToken::kNull:
      return 0;
    case JsonToken::kString: {
      const std::string& text = p.text();
      if (text.empty()) return 0;
      if (is_blank(text))
        fail_mismatch(p, "Cannot coerce blank String (all whitespace) to `int` value" + std::string(kCoercionHint));
      const std::string trimmed(java_trim(text));
      if (trimmed == "null") return 0;
      return parse_int_text(p, trimmed);
    }
    default:
      fail_unexpected_token(p, kIntType, t);
  }
}

std::optional<std::int32_t> read_integer(JacksonParser& p) {
  switch (const JsonToken t = p.current_token()) {
    case JsonToken::kInt:
    case JsonToken::kFloat:
      return p.int_value();
    case JsonToken::kNull:
      return std::nullopt;
    case JsonToken::kString: {
      const std::string& text = p.text();
      if (text.empty()) return std::nullopt;
      if (is_blank(text))
        fail_mismatch(p, "Cannot coerce blank String (all whitespace) to `java.lang.Integer` value" +
                             std::string(kCoercionHint));
      const std::string trimmed(java_trim(text));
      if (trimmed == "null") return std::nullopt;
      return parse_int_text(p, trimmed);
    }
    default:
      fail_unexpected_token(p, kIntegerType, t);
  }
}

std::vector<std::string> read_string_list(JacksonParser& p, std::string_view property) {
  const JsonToken t = p.current_token();
  if (t == JsonToken::kString) {
    if (is_blank(p.text()))
      fail_mismatch(p, "Cannot coerce empty String (\"\") to element of " + std::string(kListType) +
                           std::string(kCoercionHint));
    fail_unexpected_token(p, kListType, t);
  }
  if (t != JsonToken::kStartArray) fail_unexpected_token(p, kListType, t);  // no single value as array
  std::vector<std::string> out;
  while (p.next_token() != JsonToken::kEndArray) {
    try {
      if (p.current_token() == JsonToken::kNull) fail_null_element(p, property);
      out.push_back(read_string(p));
    } catch (JacksonError& e) {
      e.wrap({kListBuilder, "", static_cast<std::int64_t>(out.size())});
      throw;
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> read_string_map(JacksonParser& p, std::string_view property) {
  const JsonToken t = p.current_token();
  if (t == JsonToken::kString) {
    const std::string& text = p.text();
    if (is_blank(text))
      fail_mismatch(p, "Cannot coerce empty String (\"\") to element of " + std::string(kMapType) +
                           std::string(kCoercionHint));
    fail_mismatch(p,
                  "Cannot construct instance of `scala.collection.immutable.Map` (although at least one Creator "
                  "exists): no String-argument constructor/factory method to deserialize from String value ('" +
                      std::string(java_trim(text)) + "')");
  }
  if (t != JsonToken::kStartObject) fail_unexpected_token(p, kMapType, t);
  std::vector<std::pair<std::string, std::string>> out;
  for (auto key = p.next_field_name(); key; key = p.next_field_name()) {
    p.next_token();
    try {
      if (p.current_token() == JsonToken::kNull) fail_null_element(p, property);
      std::string value = read_string(p);
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& kv) { return kv.first == *key; });
      if (it != out.end()) {
        it->second = std::move(value);  // a Scala Map keeps the first position, the last value
      } else {
        out.emplace_back(*key, std::move(value));
      }
    } catch (JacksonError& e) {
      // ContainerDeserializerBase.wrapAndThrow: parser exceptions pass as they are.
      if (e.kind != JacksonError::Kind::kStreamRead) e.wrap({kMapBuilder, *key});
      throw;
    }
  }
  return out;
}

}  // namespace jobflow::frontend::livy
