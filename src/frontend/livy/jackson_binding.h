#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontend/livy/jackson_parser.h"

namespace jobflow::frontend::livy {

// jackson-databind 2.12 + jackson-module-scala 2.12, as Livy's JsonServlet binds request bodies
// (ObjectMapper with DefaultScalaModule, default features: FAIL_ON_UNKNOWN_PROPERTIES on,
// ACCEPT_SINGLE_VALUE_AS_ARRAY off, scalar coercion on). Readers for the value types Livy's request
// classes use, each with Jackson's coercions and error messages; errors are thrown as JacksonError.

// A Livy request class: its Java name and its properties in declaration order (for a Scala case
// class the constructor parameters first, as Jackson collects them).
struct JavaBean {
  std::string_view class_name;
  std::span<const std::string_view> properties;
  std::size_t creator_params = 0;  // > 0: bound through the constructor (a case class)
};

// The order Jackson lists a bean's known properties in: BeanPropertyMap's hash-slot order
// (String.hashCode() & mask, collisions in a secondary area, then a spill area).
std::vector<std::string_view> jackson_property_order(std::span<const std::string_view> declared);

// UnrecognizedPropertyException for `name`, at the parser's current location.
[[noreturn]] void fail_unknown_property(const JacksonParser& p, const JavaBean& bean, const std::string& name);

// DeserializationContext.handleUnexpectedToken: "Cannot deserialize value of type `T` from Array
// value (token `JsonToken.START_ARRAY`)", at the token's location. `type` is backticked.
[[noreturn]] void fail_unexpected_token(JacksonParser& p, std::string_view type, JsonToken token);

// ObjectMapper._initForReading and BeanDeserializer._deserializeOther: reads the first token and
// fails as Jackson does unless it starts an object; then steps onto the first field name.
void begin_bean(JacksonParser& p, const JavaBean& bean);

// Binds the properties of the object the parser is in, from the current token (a field name or the
// end of the object): BeanDeserializer.vanillaDeserialize for a bean with a default constructor,
// _deserializeUsingPropertyBased for a case class. `bind(name)` reads the value of a known
// property (the parser is on it) and returns false for an unknown name without reading anything.
// Errors inside a property get `Class["name"]` prepended to their reference chain.
template <class Bind>
void bind_properties(JacksonParser& p, const JavaBean& bean, Bind&& bind);

// Value readers; the parser is on the value, which is not null (null is the property's business:
// Jackson sets null, an empty Option, or 0 for a primitive without calling the deserializer).
std::string read_string(JacksonParser& p);                  // java.lang.String (scalars coerced)
std::int32_t read_int(JacksonParser& p);                    // int (null -> 0 is the caller's)
std::optional<std::int32_t> read_integer(JacksonParser& p); // java.lang.Integer ("" and "null" -> null)
// scala.collection.immutable.List[String] / Map[String, String]; `property` names the bean
// property for the null-element error (see README: Livy binds a null element and fails later).
std::vector<std::string> read_string_list(JacksonParser& p, std::string_view property);
std::vector<std::pair<std::string, std::string>> read_string_map(JacksonParser& p, std::string_view property);

// ---- implementation of the template ----

namespace jackson_detail {
int property_index(const JavaBean& bean, std::string_view name);
}  // namespace jackson_detail

template <class Bind>
void bind_properties(JacksonParser& p, const JavaBean& bean, Bind&& bind) {
  auto bind_one = [&](const std::string& name) {
    try {
      return bind(name);
    } catch (JacksonError& e) {
      e.wrap({bean.class_name, name});
      throw;
    }
  };
  // deserialize(p, ctxt, bean): the vanilla loop, also what a case class does once it is built.
  auto vanilla = [&] {
    if (p.current_token() != JsonToken::kFieldName) return;
    std::optional<std::string> name = p.current_name();
    do {
      p.next_token();
      if (!bind_one(*name)) fail_unknown_property(p, bean, *name);
    } while ((name = p.next_field_name()));
  };
  if (bean.creator_params == 0) return vanilla();

  // Property-based creator: unknown properties are buffered and reported once the object is
  // built, i.e. when every constructor parameter was seen or at the end of the object.
  std::vector<bool> seen(bean.creator_params, false);
  std::size_t needed = bean.creator_params;
  std::optional<std::string> first_unknown;
  for (JsonToken t = p.current_token(); t == JsonToken::kFieldName; t = p.next_token()) {
    const std::string name = p.current_name();
    p.next_token();
    const int index = jackson_detail::property_index(bean, name);
    if (index < 0) {
      if (!first_unknown) first_unknown = name;
      p.read_structure();  // TokenBuffer.copyCurrentStructure
      continue;
    }
    bind_one(name);
    const auto i = static_cast<std::size_t>(index);
    if (i < bean.creator_params && !seen[i]) {
      seen[i] = true;
      if (--needed == 0) {
        p.next_token();
        if (first_unknown) fail_unknown_property(p, bean, *first_unknown);
        return vanilla();
      }
    }
  }
  if (first_unknown) fail_unknown_property(p, bean, *first_unknown);
}

}  // namespace jobflow::frontend::livy
