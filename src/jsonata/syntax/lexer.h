#pragma once

#include <string_view>

#include "jsonata/error/jsonata_error.h"
#include "jsonata/syntax/token.h"

namespace jobflow::jsonata {

// Cuts a JSONata expression into tokens, one at a time, with the reference implementation's
// rules: whitespace and /* comments */ skipped; "/" starts a regular expression only where an
// operand may start (`after_operand` false), else it is division; string literals with JSON
// escapes (\uXXXX as UTF-16, surrogate pairs joined); numbers as JSON writes them; `quoted`
// names; $variables; `and`, `or`, `in` as operators; `true`, `false`, `null` as values; any other
// run of characters up to whitespace or an operator character is a name.
// Errors: S0101 unterminated string, S0102 number out of range, S0103 unknown escape, S0104 bad
// \u escape, S0105 unterminated `quote`, S0106 unterminated comment, S0301 empty regex, S0302
// unterminated regex.
class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}

  JResult<Token> next(bool after_operand);
  int position() const { return static_cast<int>(position_); }

 private:
  char at(std::size_t i) const { return i < source_.size() ? source_[i] : '\0'; }
  JResult<Token> string_literal(char quote);
  JResult<Token> regex();
  Token make(Token::Type type, std::string text = {}) const;

  std::string_view source_;
  std::size_t position_ = 0;
};

// Whether `c` ends a name: an operator character or whitespace.
bool is_name_stop(char c);

}  // namespace jobflow::jsonata
