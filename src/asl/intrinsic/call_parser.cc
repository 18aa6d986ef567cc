#include "asl/intrinsic/call_parser.h"

namespace jobflow::asl::intrinsic {
namespace {

constexpr std::string_view kPrefix = "States.";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Characters that end a bare token (number, keyword, path) at the top level of an argument list.
bool ends_token(char c) { return c == ',' || c == ')' || is_blank(c); }

}  // namespace

std::expected<Node, std::string> CallParser::parse(std::string_view text) {
  CallParser parser(text);
  parser.skip_blanks();
  auto root = parser.call(1);
  if (!root) return root;
  parser.skip_blanks();
  if (!parser.at_end()) return std::unexpected(parser.error("unexpected text after the call"));
  return root;
}

std::string CallParser::error(std::string_view what) const {
  return std::string(what) + " at offset " + std::to_string(pos_);
}

void CallParser::skip_blanks() {
  while (!at_end() && is_blank(text_[pos_])) ++pos_;
}

std::expected<Node, std::string> CallParser::call(int depth) {
  if (depth > kMaxDepth) {
    return std::unexpected(error("calls nested more than " + std::to_string(kMaxDepth) + " deep"));
  }
  if (text_.substr(pos_, kPrefix.size()) != kPrefix) {
    return std::unexpected(error("expected 'States.'"));
  }
  std::size_t name_start = pos_;
  pos_ += kPrefix.size();
  while (!at_end() && is_name_char(text_[pos_])) ++pos_;
  std::string_view name = text_.substr(name_start, pos_ - name_start);
  const FunctionInfo* info = find_function(name);
  if (info == nullptr) {
    return std::unexpected(error("unknown function '" + std::string(name) + "'"));
  }
  if (peek() != '(') return std::unexpected(error("expected '('"));
  ++pos_;
  Node node;
  node.kind = Node::Kind::kCall;
  node.function = info->id;
  skip_blanks();
  if (peek() == ')') {
    ++pos_;
    return node;
  }
  while (true) {
    auto arg = argument(depth);
    if (!arg) return arg;
    node.args.push_back(std::move(*arg));
    skip_blanks();
    char c = peek();
    ++pos_;
    if (c == ')') return node;
    if (c != ',') {
      --pos_;
      return std::unexpected(error("expected ',' or ')'"));
    }
    skip_blanks();
  }
}

std::expected<Node, std::string> CallParser::argument(int depth) {
  char c = peek();
  if (c == '\'') return string_literal();
  if (c == '$') return path();
  if (c == '-' || (c >= '0' && c <= '9')) return number_literal();
  if (text_.substr(pos_, kPrefix.size()) == kPrefix) return call(depth + 1);
  if (auto node = keyword()) return std::move(*node);
  return std::unexpected(error("expected an argument"));
}

std::expected<Node, std::string> CallParser::string_literal() {
  ++pos_;  // opening quote
  std::string value;
  Node node;
  while (true) {
    if (at_end()) return std::unexpected(error("unterminated string"));
    char c = text_[pos_++];
    if (c == '\'') break;
    if (c == '\\') {
      char escaped = peek();
      if (escaped != '\'' && escaped != '{' && escaped != '}' && escaped != '\\') {
        return std::unexpected(error("illegal escape sequence"));
      }
      ++pos_;
      value += escaped;
      continue;
    }
    if (c == '{' && peek() == '}') {
      node.format_holes.push_back(value.size());
      value += "{}";
      ++pos_;
      continue;
    }
    value += c;
  }
  node.kind = Node::Kind::kLiteral;
  node.literal = make_json(Json(boost::json::string(value)));
  return node;
}

std::expected<Node, std::string> CallParser::number_literal() {
  std::size_t start = pos_;
  while (!at_end() && !ends_token(text_[pos_])) ++pos_;
  JsonPtr value = parse_json(text_.substr(start, pos_ - start));
  if (value == nullptr || !value->is_number()) {
    pos_ = start;
    return std::unexpected(error("invalid number"));
  }
  Node node;
  node.kind = Node::Kind::kLiteral;
  node.literal = std::move(value);
  return node;
}

std::optional<Node> CallParser::keyword() {
  for (std::string_view word : {"true", "false", "null"}) {
    if (text_.substr(pos_, word.size()) != word) continue;
    std::size_t end = pos_ + word.size();
    if (end < text_.size() && !ends_token(text_[end])) continue;
    pos_ = end;
    Node node;
    node.kind = Node::Kind::kLiteral;
    node.literal = word == "null" ? json_null() : make_json(Json(word == "true"));
    return node;
  }
  return std::nullopt;
}

std::expected<Node, std::string> CallParser::path() {
  std::size_t start = pos_;
  int nesting = 0;  // [] and () inside the path, e.g. filters [?(@.a == 1)]
  while (!at_end()) {
    char c = text_[pos_];
    if (nesting == 0 && ends_token(c)) break;
    if (nesting > 0 && (c == '\'' || c == '"')) {  // a quoted name or filter operand
      ++pos_;
      while (!at_end() && text_[pos_] != c) {
        if (text_[pos_] == '\\') ++pos_;
        ++pos_;
      }
      if (at_end()) return std::unexpected(error("unterminated quote in a path"));
      ++pos_;
      continue;
    }
    if (c == '[' || c == '(') ++nesting;
    if ((c == ']' || c == ')') && --nesting < 0) return std::unexpected(error("unbalanced path"));
    ++pos_;
  }
  auto parsed = JsonPath::parse(text_.substr(start, pos_ - start));
  if (!parsed) {
    pos_ = start;
    return std::unexpected(error("invalid path"));
  }
  Node node;
  node.kind = Node::Kind::kPath;
  node.path = std::move(*parsed);
  return node;
}

}  // namespace jobflow::asl::intrinsic
