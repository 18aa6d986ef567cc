#pragma once

#include <string_view>

#include "jsonata/error/jsonata_error.h"
#include "jsonata/syntax/lexer.h"
#include "jsonata/syntax/node.h"

namespace jobflow::jsonata {

// JSONata's grammar: a Pratt (top-down operator precedence) parser over the Lexer's tokens, with
// the reference implementation's binding powers, its nud/led forms (function calls and partial
// application, lambdas with signatures, blocks, array and object constructors, predicates and
// `[]`, order-by, group-by, `:=`, `@`, `#`, `?:`, `??`, transforms) and its error codes
// (S0201–S0214). Produces the raw tree; AstProcessor turns it into the evaluated form.
class Parser {
 public:
  // The raw tree of a whole expression, or the first syntax error.
  static JResult<NodePtr> parse(std::string_view source);

 private:
  explicit Parser(std::string_view source) : source_(source), lexer_(source) {}

  NodePtr expression(int rbp);
  NodePtr nud(Token token);
  NodePtr led(Token token, NodePtr left);
  // Checks that the current token is `id` (when given), then reads the next one.
  void advance(std::string_view id = {}, bool after_operand = false);
  // The symbol id of the current token: an operator's text, "(name)", "(literal)", "(regex)", "(end)".
  std::string_view id() const;
  int left_binding_power() const;
  NodePtr node_of(const Token& token, Node::Type type) const;
  NodePtr object_constructor(Token token, NodePtr left);
  NodePtr function_call(Token token, NodePtr left);
  [[noreturn]] void fail(std::string_view code, int position, std::string token = {}, std::string value = {}) const;

  std::string_view source_;
  Lexer lexer_;
  Token current_;
};

}  // namespace jobflow::jsonata
