#pragma once

#include <string>

namespace jobflow::jsonata {

// One token of a JSONata expression, as the reference implementation's tokenizer cuts them.
struct Token {
  enum class Type {
    kOperator,  // "." "[" ":=" "~>" "and" ... (text)
    kName,      // a field name, also `quoted` (text)
    kVariable,  // $name without the '$' (text; "" for $ alone, "$" for $$)
    kString,    // a string literal, escapes decoded (text, UTF-8)
    kNumber,    // number
    kTrue,
    kFalse,
    kNull,
    kRegex,     // /pattern/flags: text = pattern, flags = "i", "m", "im", ...
    kEnd,       // past the last token
  };

  Type type = Type::kEnd;
  std::string text;
  double number = 0;
  std::string flags;
  int position = 0;  // byte offset just past the token, as the reference reports positions
};

}  // namespace jobflow::jsonata
