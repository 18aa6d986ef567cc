#include "jsonata/syntax/parser.h"

#include <array>
#include <utility>

namespace jobflow::jsonata {
namespace {

struct BindingPower {
  std::string_view id;
  int power;
};

// Left binding powers (the reference's `operators` table, as its symbol table ends up: symbols
// that are only prefix operators or separators bind nothing).
constexpr std::array<BindingPower, 28> kBindingPowers{{
    {".", 75},  {"[", 80},   {"{", 70},  {"(", 80},  {"@", 80},   {"#", 80},  {"?", 20},
    {"+", 50},  {"-", 50},   {"*", 60},  {"/", 60},  {"%", 60},   {"=", 40},  {"<", 40},
    {">", 40},  {"^", 40},   {"!=", 40}, {"<=", 40}, {">=", 40},  {"~>", 40}, {"?:", 40},
    {"??", 40}, {"and", 30}, {"or", 25}, {"in", 40}, {"&", 50},   {":=", 10}, {"(end)", 0},
}};

// Operators the grammar knows; any other operator token ('!', '~' alone) is refused (S0204).
constexpr std::string_view kKnownOperators[] = {
    ":", ";", ",", ")", "]", "}", "..", ".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=", "&",
    "and", "or", "in", "~>", "??", "**", "(", "[", "^", "{", ":=", "@", "#", "?", "?:", "|"};

constexpr int kPower(std::string_view id) {
  for (const auto& bp : kBindingPowers)
    if (bp.id == id) return bp.power;
  return 0;
}

bool is_binary_operator(std::string_view id) {
  static constexpr std::string_view kPlain[] = {".", "+", "-", "*", "/", "%", "=", "<", ">", "!=", "<=", ">=",
                                                "&", "and", "or", "in", "~>"};
  for (auto op : kPlain)
    if (op == id) return true;
  return false;
}

}  // namespace

void Parser::fail(std::string_view code, int position, std::string token, std::string value) const {
  JsonataError e = error(code, {ErrorInsert::text("token", token), ErrorInsert::text("value", value)});
  e.position = position;
  throw e;
}

std::string_view Parser::id() const {
  switch (current_.type) {
    case Token::Type::kOperator: return current_.text;
    case Token::Type::kName:
    case Token::Type::kVariable: return "(name)";
    case Token::Type::kString:
    case Token::Type::kNumber:
    case Token::Type::kTrue:
    case Token::Type::kFalse:
    case Token::Type::kNull: return "(literal)";
    case Token::Type::kRegex: return "(regex)";
    case Token::Type::kEnd: return "(end)";
  }
  return "(end)";
}

int Parser::left_binding_power() const {
  return current_.type == Token::Type::kOperator ? kPower(current_.text) : 0;
}

void Parser::advance(std::string_view expected, bool after_operand) {
  if (!expected.empty() && id() != expected) {
    fail(current_.type == Token::Type::kEnd ? "S0203" : "S0202", current_.position, current_.text,
         std::string(expected));
  }
  auto next = lexer_.next(after_operand);
  if (!next) throw next.error();
  if (next->type == Token::Type::kEnd) next->position = static_cast<int>(source_.size());
  if (next->type == Token::Type::kOperator) {
    bool known = false;
    for (auto op : kKnownOperators) known = known || op == next->text;
    if (!known) fail("S0204", next->position, next->text);
  }
  current_ = std::move(*next);
}

NodePtr Parser::node_of(const Token& token, Node::Type type) const {
  auto node = std::make_unique<Node>();
  node->type = type;
  node->value = token.text;
  node->number = token.number;
  node->position = token.position;
  return node;
}

NodePtr Parser::expression(int rbp) {
  Token token = current_;
  advance({}, true);
  NodePtr left = nud(std::move(token));
  while (rbp < left_binding_power()) {
    token = current_;
    advance();
    left = led(std::move(token), std::move(left));
  }
  return left;
}

NodePtr Parser::nud(Token token) {
  switch (token.type) {
    case Token::Type::kEnd: return node_of(token, Node::Type::kEnd);
    case Token::Type::kName: return node_of(token, Node::Type::kName);
    case Token::Type::kVariable: return node_of(token, Node::Type::kVariable);
    case Token::Type::kString: return node_of(token, Node::Type::kString);
    case Token::Type::kNumber: return node_of(token, Node::Type::kNumber);
    case Token::Type::kTrue:
    case Token::Type::kFalse:
    case Token::Type::kNull: {
      auto node = node_of(token, Node::Type::kValue);
      node->literal = token.type == Token::Type::kTrue    ? Node::Literal::kTrue
                      : token.type == Token::Type::kFalse ? Node::Literal::kFalse
                                                          : Node::Literal::kNull;
      return node;
    }
    case Token::Type::kRegex: {
      auto node = node_of(token, Node::Type::kRegex);
      node->flags = token.flags;
      return node;
    }
    case Token::Type::kOperator: break;
  }
  const std::string& op = token.text;
  if (op == "and" || op == "or" || op == "in") return node_of(token, Node::Type::kOperator);
  if (op == "-") {
    auto node = node_of(token, Node::Type::kUnary);
    node->expression = expression(70);
    return node;
  }
  if (op == "*") return node_of(token, Node::Type::kWildcard);
  if (op == "**") return node_of(token, Node::Type::kDescendant);
  if (op == "%") return node_of(token, Node::Type::kParent);
  if (op == "(") {
    auto node = node_of(token, Node::Type::kBlock);
    while (id() != ")") {
      node->expressions.push_back(expression(0));
      if (id() != ";") break;
      advance(";");
    }
    advance(")", true);
    return node;
  }
  if (op == "[") {
    auto node = node_of(token, Node::Type::kUnary);
    if (id() != "]") {
      for (;;) {
        NodePtr item = expression(0);
        if (id() == "..") {
          auto range = node_of(current_, Node::Type::kBinary);
          range->value = "..";
          range->lhs = std::move(item);
          advance("..");
          range->rhs = expression(0);
          item = std::move(range);
        }
        node->expressions.push_back(std::move(item));
        if (id() != ",") break;
        advance(",");
      }
    }
    advance("]", true);
    return node;
  }
  if (op == "{") return object_constructor(std::move(token), nullptr);
  if (op == "|") {
    auto node = node_of(token, Node::Type::kTransform);
    node->pattern = expression(0);
    advance("|");
    node->update = expression(0);
    if (id() == ",") {
      advance(",");
      node->remove = expression(0);
    }
    advance("|");
    return node;
  }
  // An infix operator or a separator where an operand should be.
  fail("S0211", token.position, token.text);
}

NodePtr Parser::object_constructor(Token token, NodePtr left) {
  auto node = node_of(token, left ? Node::Type::kBinary : Node::Type::kUnary);
  if (id() != "}") {
    for (;;) {
      NodePtr name = expression(0);
      advance(":");
      NodePtr value = expression(0);
      node->pairs.emplace_back(std::move(name), std::move(value));
      if (id() != ",") break;
      advance(",");
    }
  }
  advance("}", true);
  node->lhs = std::move(left);
  return node;
}

NodePtr Parser::function_call(Token token, NodePtr left) {
  auto node = node_of(token, Node::Type::kFunction);
  if (id() != ")") {
    for (;;) {
      if (current_.type == Token::Type::kOperator && current_.text == "?") {
        // A placeholder: partial application.
        node->type = Node::Type::kPartial;
        node->arguments.push_back(node_of(current_, Node::Type::kOperator));
        advance("?");
      } else {
        node->arguments.push_back(expression(0));
      }
      if (id() != ",") break;
      advance(",");
    }
  }
  advance(")", true);
  const bool lambda = left->type == Node::Type::kName && (left->value == "function" || left->value == "\u03BB");
  node->procedure = std::move(left);
  if (!lambda) return node;

  for (std::size_t i = 0; i < node->arguments.size(); ++i) {
    const Node& argument = *node->arguments[i];
    if (argument.type != Node::Type::kVariable)
      fail("S0208", argument.position, argument.value, std::to_string(i + 1));
  }
  node->type = Node::Type::kLambda;
  if (id() == "<") {
    // The signature, as the tokens between the angle brackets (nested ones included) spell it.
    const int signature_position = current_.position;
    std::string signature = "<";
    int depth = 1;
    while (depth > 0 && id() != "{" && id() != "(end)") {
      advance();
      if (id() == ">") --depth;
      else if (id() == "<") ++depth;
      signature += current_.text;
    }
    advance(">");
    auto parsed = Signature::parse(signature);
    if (!parsed) {
      parsed.error().position = signature_position + parsed.error().position;
      throw parsed.error();
    }
    node->signature = std::move(*parsed);
  }
  advance("{");
  node->body = expression(0);
  advance("}");
  return node;
}

NodePtr Parser::led(Token token, NodePtr left) {
  const std::string op = token.text;
  if (op == "(") return function_call(std::move(token), std::move(left));
  if (op == "{") return object_constructor(std::move(token), std::move(left));
  if (op == "??") {
    // left ?? right  ≡  $exists(left) ? left : right
    auto node = node_of(token, Node::Type::kCondition);
    Token call = token;
    call.text = std::string(1, '(');
    auto exists = node_of(call, Node::Type::kFunction);
    Token name = token;
    name.text = std::string("exists");
    exists->procedure = node_of(name, Node::Type::kVariable);
    exists->arguments.push_back(left->clone());
    node->condition = std::move(exists);
    node->then = std::move(left);
    node->otherwise = expression(0);
    return node;
  }
  if (op == "?:") {
    auto node = node_of(token, Node::Type::kCondition);
    node->condition = left->clone();
    node->then = std::move(left);
    node->otherwise = expression(0);
    return node;
  }
  if (op == "?") {
    auto node = node_of(token, Node::Type::kCondition);
    node->condition = std::move(left);
    node->then = expression(0);
    if (id() == ":") {
      advance(":");
      node->otherwise = expression(0);
    }
    return node;
  }
  if (op == "[") {
    if (id() == "]") {
      // `[]`: keep singleton arrays; flags the step under any predicates.
      Node* step = left.get();
      while (step->type == Node::Type::kBinary && step->value == "[" && step->lhs) step = step->lhs.get();
      step->keep_array = true;
      advance("]");
      return left;
    }
    auto node = node_of(token, Node::Type::kBinary);
    node->lhs = std::move(left);
    node->rhs = expression(0);
    advance("]", true);
    return node;
  }
  if (op == "^") {
    auto node = node_of(token, Node::Type::kBinary);
    advance("(");
    for (;;) {
      Node::SortTerm term;
      if (id() == "<") {
        advance("<");
      } else if (id() == ">") {
        term.descending = true;
        advance(">");
      }
      term.expression = expression(0);
      node->terms.push_back(std::move(term));
      if (id() != ",") break;
      advance(",");
    }
    advance(")");
    node->lhs = std::move(left);
    return node;
  }
  if (op == ":=") {
    if (left->type != Node::Type::kVariable) fail("S0212", left->position, left->value);
    auto node = node_of(token, Node::Type::kBinary);
    node->lhs = std::move(left);
    node->rhs = expression(kPower(":=") - 1);  // right associative
    return node;
  }
  if (op == "@" || op == "#") {
    auto node = node_of(token, Node::Type::kBinary);
    node->lhs = std::move(left);
    node->rhs = expression(kPower(op));
    if (node->rhs->type != Node::Type::kVariable) fail("S0214", node->rhs->position, op);
    return node;
  }
  if (is_binary_operator(op)) {
    auto node = node_of(token, Node::Type::kBinary);
    node->lhs = std::move(left);
    node->rhs = expression(kPower(op));
    return node;
  }
  // Unreachable: every operator with a left binding power has a form above.
  fail("S0201", token.position, op);
}

JResult<NodePtr> Parser::parse(std::string_view source) {
  Parser parser(source);
  try {
    parser.advance();
    NodePtr tree = parser.expression(0);
    if (parser.current_.type != Token::Type::kEnd)
      parser.fail("S0201", parser.current_.position, parser.current_.text);
    return tree;
  } catch (JsonataError& e) {
    return std::unexpected(std::move(e));
  }
}

}  // namespace jobflow::jsonata
