#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace jobflow::frontend::livy {

// Where Jackson places a problem: line (1-based) and column (1-based byte offset in the line; 0
// before the first token), printed as "[Source: (org.eclipse.jetty.server.HttpInputOverHTTP);
// line: L, column: C]" — Livy hands Jackson the request's Jetty input stream.
struct JacksonLocation {
  std::int64_t line = 1;
  std::int64_t column = 0;
};

std::string to_string(const JacksonLocation& location);

// One step of Jackson's "reference chain": Class["field"] or Class[index].
struct JacksonReference {
  std::string_view class_name;
  std::string field;
  std::int64_t index = -1;  // >= 0: an element of a collection
};

// A Jackson exception as Livy returns it: getMessage() of JsonParseException, JsonMappingException
// and their kin, whose text is the original message, then "\n at <location>" when known, then
// " (through reference chain: A["x"]->B[0])" when the problem was inside a property.
// Thrown inside the Livy JSON layer only; the decoders turn it into an Error.
struct JacksonError {
  enum class Kind {
    kStreamRead,  // JsonParseException, InputCoercionException: the parser's own problems
    kMapping,     // JsonMappingException and subclasses: binding problems
    kOther,       // IllegalArgumentException from a custom deserializer (Livy's Kind)
  };
  Kind kind = Kind::kMapping;
  std::string message;
  std::optional<JacksonLocation> location;
  std::deque<JacksonReference> path;  // outermost first

  // JsonMappingException.wrapWithPath: the problem happened inside `ref`.
  JacksonError& wrap(JacksonReference ref) {
    path.push_front(std::move(ref));
    kind = Kind::kMapping;
    return *this;
  }

  std::string text() const;
};

}  // namespace jobflow::frontend::livy
