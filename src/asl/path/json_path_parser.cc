#include "asl/path/json_path_parser.h"

#include <charconv>
#include <cstdint>
#include <limits>

namespace jobflow::asl::path {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident(char c) { return is_ident_start(c) || is_digit(c); }

using Error = std::unexpected<std::string>;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::expected<ParsedPath, std::string> run() {
    ParsedPath out;
    if (!eat('$')) return Error("a path must start with '$'");
    if (eat('$')) {
      out.root = JsonPath::Root::kContext;
    } else if (pos_ < text_.size() && is_ident_start(text_[pos_])) {
      out.root = JsonPath::Root::kVariable;
      std::size_t start = pos_;
      while (pos_ < text_.size() && is_ident(text_[pos_])) ++pos_;
      out.variable = std::string(text_.substr(start, pos_ - start));
    }
    auto steps = parse_steps(/*in_filter=*/false);
    if (!steps) return Error(steps.error());
    out.steps = std::move(*steps);
    if (pos_ != text_.size()) return Error("unexpected character at " + std::to_string(pos_));
    for (std::size_t i = 0; i < out.steps.size(); ++i) {
      const PathStep& step = out.steps[i];
      bool leaf = i + 1 == out.steps.size();
      if (step.kind == PathStep::Kind::kLength && !leaf) {
        return Error("a function must be the last token of a path");
      }
      if (step.kind == PathStep::Kind::kScan && leaf) return Error("a path must not end with '..'");
    }
    return out;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool eat(char c) {
    if (peek() == c && !at_end()) {
      ++pos_;
      return true;
    }
    return false;
  }
  void skip_blanks() {
    while (!at_end() && is_blank(text_[pos_])) ++pos_;
  }

  // Steps after a root. In a filter operand the path ends at a blank or an operator.
  std::expected<PathSteps, std::string> parse_steps(bool in_filter) {
    PathSteps steps;
    while (!at_end()) {
      char c = peek();
      if (c == '.') {
        if (peek(1) == '.') {
          if (in_filter) return Error("deep scan is not supported inside a filter");
          pos_ += 2;
          steps.push_back(PathStep{.kind = PathStep::Kind::kScan});
          if (peek() == '[') {
            auto step = parse_bracket();
            if (!step) return Error(step.error());
            steps.push_back(std::move(*step));
          } else if (eat('*')) {
            steps.push_back(PathStep{.kind = PathStep::Kind::kWildcard});
          } else {
            auto step = parse_dot_name(in_filter);
            if (!step) return Error(step.error());
            steps.push_back(std::move(*step));
          }
          continue;
        }
        ++pos_;
        if (eat('*')) {
          if (in_filter) return Error("wildcard is not supported inside a filter");
          steps.push_back(PathStep{.kind = PathStep::Kind::kWildcard});
          continue;
        }
        auto step = parse_dot_name(in_filter);
        if (!step) return Error(step.error());
        steps.push_back(std::move(*step));
      } else if (c == '[') {
        auto step = parse_bracket();
        if (!step) return Error(step.error());
        if (in_filter && !step->definite_token(false)) {
          return Error("only definite paths are supported inside a filter");
        }
        steps.push_back(std::move(*step));
      } else if (in_filter) {
        break;
      } else {
        return Error(std::string("unexpected character '") + c + "'");
      }
    }
    return steps;
  }

  std::expected<PathStep, std::string> parse_dot_name(bool in_filter) {
    std::size_t start = pos_;
    while (!at_end()) {
      char c = text_[pos_];
      if (c == '.' || c == '[' || c == '(' || is_blank(c)) break;
      if (in_filter && (c == ')' || c == '=' || c == '!' || c == '<' || c == '>' || c == '&' ||
                        c == '|' || c == ']')) {
        break;
      }
      ++pos_;
    }
    std::string name(text_.substr(start, pos_ - start));
    if (name.empty()) return Error("empty property name");
    if (peek() == '(') {
      if (peek(1) != ')') return Error("function arguments are not supported");
      if (name != "length" && name != "size") return Error("unsupported function " + name + "()");
      pos_ += 2;
      return PathStep{.kind = PathStep::Kind::kLength};
    }
    PathStep step{.kind = PathStep::Kind::kProperty};
    step.names.push_back(std::move(name));
    return step;
  }

  std::expected<std::string, std::string> parse_quoted() {
    char quote = text_[pos_++];
    std::string out;
    while (!at_end()) {
      char c = text_[pos_++];
      if (c == '\\' && !at_end() && (peek() == quote || peek() == '\\')) {
        // Only the quote in use and the backslash are escapes; AWS keeps any other backslash
        // (recorded: the path $['Test\""Name"'] reads the key Test\""Name").
        out += text_[pos_++];
      } else if (c == quote) {
        return out;
      } else {
        out += c;
      }
    }
    return Error("unterminated string");
  }

  std::expected<std::int64_t, std::string> parse_int() {
    std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    while (!at_end() && is_digit(text_[pos_])) ++pos_;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value);
    if (ec != std::errc() || end != text_.data() + pos_ || value > std::numeric_limits<int>::max() ||
        value < std::numeric_limits<int>::min()) {
      return Error("bad array index");
    }
    return value;
  }

  std::expected<PathStep, std::string> parse_bracket() {
    ++pos_;  // '['
    skip_blanks();
    PathStep step;
    char c = peek();
    if (c == '?') {
      ++pos_;
      skip_blanks();
      if (!eat('(')) return Error("expected '(' after '?'");
      auto filter = parse_or();
      if (!filter) return Error(filter.error());
      skip_blanks();
      if (!eat(')')) return Error("expected ')' closing a filter");
      step.kind = PathStep::Kind::kFilter;
      step.filter = std::move(*filter);
    } else if (c == '\'' || c == '"') {
      step.kind = PathStep::Kind::kProperty;
      while (true) {
        skip_blanks();
        if (peek() != '\'' && peek() != '"') return Error("expected a quoted property name");
        auto name = parse_quoted();
        if (!name) return Error(name.error());
        step.names.push_back(std::move(*name));
        skip_blanks();
        if (!eat(',')) break;
      }
      if (step.names.size() > 1) step.kind = PathStep::Kind::kProperties;
    } else if (c == '*') {
      ++pos_;
      step.kind = PathStep::Kind::kWildcard;
    } else if (c == ':' || c == '-' || is_digit(c)) {
      if (c == ':') {
        ++pos_;
        skip_blanks();
        auto to = parse_int();
        if (!to) return Error(to.error());
        step.kind = PathStep::Kind::kSlice;
        step.slice = PathStep::SliceKind::kTo;
        step.to = *to;
      } else {
        auto first = parse_int();
        if (!first) return Error(first.error());
        skip_blanks();
        if (eat(':')) {
          skip_blanks();
          step.kind = PathStep::Kind::kSlice;
          step.from = *first;
          if (peek() == ']') {
            step.slice = PathStep::SliceKind::kFrom;
          } else {
            auto to = parse_int();
            if (!to) return Error(to.error());
            step.slice = PathStep::SliceKind::kBetween;
            step.to = *to;
          }
        } else {
          step.kind = PathStep::Kind::kIndex;
          step.indexes.push_back(*first);
          while (eat(',')) {
            skip_blanks();
            auto next = parse_int();
            if (!next) return Error(next.error());
            step.indexes.push_back(*next);
            skip_blanks();
          }
          if (step.indexes.size() > 1) step.kind = PathStep::Kind::kIndexes;
        }
      }
    } else {
      return Error("unsupported bracket expression");
    }
    skip_blanks();
    if (!eat(']')) return Error("expected ']'");
    return step;
  }

  // ---- filters -----------------------------------------------------------------------------
  using Node = std::shared_ptr<const FilterNode>;

  std::expected<Node, std::string> parse_or() {
    auto left = parse_and();
    if (!left) return left;
    while (true) {
      skip_blanks();
      if (peek() == '|' && peek(1) == '|') {
        pos_ += 2;
        auto right = parse_and();
        if (!right) return right;
        auto node = std::make_shared<FilterNode>();
        node->kind = FilterNode::Kind::kOr;
        node->left = std::move(*left);
        node->right = std::move(*right);
        left = Node(std::move(node));
      } else {
        return left;
      }
    }
  }

  std::expected<Node, std::string> parse_and() {
    auto left = parse_unary();
    if (!left) return left;
    while (true) {
      skip_blanks();
      if (peek() == '&' && peek(1) == '&') {
        pos_ += 2;
        auto right = parse_unary();
        if (!right) return right;
        auto node = std::make_shared<FilterNode>();
        node->kind = FilterNode::Kind::kAnd;
        node->left = std::move(*left);
        node->right = std::move(*right);
        left = Node(std::move(node));
      } else {
        return left;
      }
    }
  }

  std::expected<Node, std::string> parse_unary() {
    skip_blanks();
    if (peek() == '!' && peek(1) != '=') {
      ++pos_;
      auto inner = parse_unary();
      if (!inner) return inner;
      auto node = std::make_shared<FilterNode>();
      node->kind = FilterNode::Kind::kNot;
      node->left = std::move(*inner);
      return Node(std::move(node));
    }
    if (peek() == '(') {
      ++pos_;
      auto inner = parse_or();
      if (!inner) return inner;
      skip_blanks();
      if (!eat(')')) return Error("expected ')'");
      return inner;
    }
    return parse_comparison();
  }

  std::expected<Node, std::string> parse_comparison() {
    auto lhs = parse_operand();
    if (!lhs) return Error(lhs.error());
    skip_blanks();
    FilterNode::Op op;
    std::size_t width = 2;
    char c0 = peek();
    char c1 = peek(1);
    if (c0 == '=' && c1 == '=') {
      op = FilterNode::Op::kEq;
    } else if (c0 == '!' && c1 == '=') {
      op = FilterNode::Op::kNe;
    } else if (c0 == '<' && c1 == '=') {
      op = FilterNode::Op::kLe;
    } else if (c0 == '>' && c1 == '=') {
      op = FilterNode::Op::kGe;
    } else if (c0 == '<') {
      op = FilterNode::Op::kLt;
      width = 1;
    } else if (c0 == '>') {
      op = FilterNode::Op::kGt;
      width = 1;
    } else if (c0 == '=' && c1 == '~') {
      return Error("the =~ operator is not supported");
    } else {
      if (lhs->kind == FilterOperand::Kind::kLiteral) return Error("a filter needs a path");
      auto node = std::make_shared<FilterNode>();
      node->kind = FilterNode::Kind::kExists;
      node->lhs = std::move(*lhs);
      return Node(std::move(node));
    }
    pos_ += width;
    auto rhs = parse_operand();
    if (!rhs) return Error(rhs.error());
    auto node = std::make_shared<FilterNode>();
    node->kind = FilterNode::Kind::kCompare;
    node->op = op;
    node->lhs = std::move(*lhs);
    node->rhs = std::move(*rhs);
    return Node(std::move(node));
  }

  std::expected<FilterOperand, std::string> parse_operand() {
    skip_blanks();
    FilterOperand operand;
    char c = peek();
    if (c == '@' || c == '$') {
      ++pos_;
      operand.kind = c == '@' ? FilterOperand::Kind::kCurrent : FilterOperand::Kind::kRoot;
      auto steps = parse_steps(/*in_filter=*/true);
      if (!steps) return Error(steps.error());
      for (const PathStep& step : *steps) {
        if (step.kind != PathStep::Kind::kProperty && step.kind != PathStep::Kind::kIndex &&
            step.kind != PathStep::Kind::kLength) {
          return Error("only definite paths are supported inside a filter");
        }
      }
      operand.steps = std::move(*steps);
      return operand;
    }
    operand.kind = FilterOperand::Kind::kLiteral;
    if (c == '\'' || c == '"') {
      auto text = parse_quoted();
      if (!text) return Error(text.error());
      operand.literal = boost::json::string(*text);
      return operand;
    }
    if (c == '-' || is_digit(c)) {
      std::size_t start = pos_;
      if (c == '-') ++pos_;
      bool fractional = false;
      while (!at_end() && (is_digit(peek()) || peek() == '.' || peek() == 'e' || peek() == 'E' ||
                           ((peek() == '+' || peek() == '-') &&
                            (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')))) {
        if (!is_digit(peek())) fractional = true;
        ++pos_;
      }
      const char* first = text_.data() + start;
      const char* last = text_.data() + pos_;
      if (!fractional) {
        std::int64_t value = 0;
        auto [end, ec] = std::from_chars(first, last, value);
        if (ec == std::errc() && end == last) {
          operand.literal = value;
          return operand;
        }
      }
      double value = 0;
      auto [end, ec] = std::from_chars(first, last, value);
      if (ec != std::errc() || end != last) return Error("bad number in filter");
      operand.literal = value;
      return operand;
    }
    auto keyword = [&](std::string_view word) {
      if (text_.substr(pos_, word.size()) == word &&
          (pos_ + word.size() >= text_.size() || !is_ident(text_[pos_ + word.size()]))) {
        pos_ += word.size();
        return true;
      }
      return false;
    };
    if (keyword("true")) {
      operand.literal = true;
    } else if (keyword("false")) {
      operand.literal = false;
    } else if (keyword("null")) {
      operand.literal = nullptr;
    } else {
      return Error("unsupported filter operand");
    }
    return operand;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::expected<ParsedPath, std::string> JsonPathParser::parse(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return Parser(text).run();
}

}  // namespace jobflow::asl::path
