#include "jsonata/syntax/lexer.h"

#include "base/utf8.h"

#include <charconv>
#include <cmath>
#include <string>

namespace jobflow::jsonata {
namespace {

constexpr std::string_view kWhitespace = " \t\n\r\v";
// Characters that are operators on their own; '!' and '~' only stop names.
constexpr std::string_view kSingleOperators = ".[]{}(),@#;:?+-*/%|=<>^&!~";

constexpr std::string_view kDoubleOperators[] = {"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"};

bool is_whitespace(char c) { return c != '\0' && kWhitespace.find(c) != std::string_view::npos; }

JsonataError lex_error(std::string_view code, std::size_t position, std::string token = {}) {
  JsonataError e = token.empty() ? error(code) : error(code, {ErrorInsert::text("token", token)});
  e.position = static_cast<int>(position);
  return e;
}

bool hex4(std::string_view text, std::uint32_t& value) {
  if (text.size() < 4) return false;
  value = 0;
  for (char c : text.substr(0, 4)) {
    value <<= 4;
    if (c >= '0' && c <= '9') value |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') value |= static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') value |= static_cast<std::uint32_t>(c - 'A' + 10);
    else return false;
  }
  return true;
}

// The length of a JSON number at the start of `text` (JSONata's /^-?(0|([1-9][0-9]*))(\.[0-9]+)?
// ([Ee][-+]?[0-9]+)?/), or 0 when there is none.
std::size_t number_length(std::string_view text) {
  std::size_t i = 0;
  auto digit = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  if (i < text.size() && text[i] == '-') ++i;
  if (!digit(i)) return 0;
  if (text[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < text.size() && text[i] == '.' && digit(i + 1)) {
    ++i;
    while (digit(i)) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t k = i + 1;
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
    if (digit(k)) {
      i = k;
      while (digit(i)) ++i;
    }
  }
  return i;
}

}  // namespace

bool is_name_stop(char c) {
  return is_whitespace(c) || kSingleOperators.find(c) != std::string_view::npos;
}

Token Lexer::make(Token::Type type, std::string text) const {
  Token t;
  t.type = type;
  t.text = std::move(text);
  t.position = static_cast<int>(position_);
  return t;
}

JResult<Token> Lexer::next(bool after_operand) {
  for (;;) {
    while (is_whitespace(at(position_))) ++position_;
    if (at(position_) == '/' && at(position_ + 1) == '*') {
      const std::size_t start = position_;
      position_ += 2;
      while (!(at(position_) == '*' && at(position_ + 1) == '/')) {
        if (++position_ >= source_.size()) return std::unexpected(lex_error("S0106", start));
      }
      position_ += 2;
      continue;
    }
    break;
  }
  if (position_ >= source_.size()) return make(Token::Type::kEnd);
  const char c = source_[position_];
  if (!after_operand && c == '/') {
    ++position_;
    return regex();
  }
  for (std::string_view op : kDoubleOperators) {
    if (source_.substr(position_, 2) == op) {
      position_ += 2;
      return make(Token::Type::kOperator, std::string(op));
    }
  }
  if (kSingleOperators.find(c) != std::string_view::npos) {
    ++position_;
    return make(Token::Type::kOperator, std::string(1, c));
  }
  if (c == '"' || c == '\'') {
    ++position_;
    return string_literal(c);
  }
  if (std::size_t length = number_length(source_.substr(position_)); length > 0) {
    std::string text(source_.substr(position_, length));
    double value = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(value)) return std::unexpected(lex_error("S0102", position_, text));
    position_ += length;
    Token t = make(Token::Type::kNumber, std::move(text));
    t.number = value;
    return t;
  }
  if (c == '`') {
    ++position_;
    std::size_t end = source_.find('`', position_);
    if (end == std::string_view::npos) {
      position_ = source_.size();
      return std::unexpected(lex_error("S0105", position_));
    }
    std::string name(source_.substr(position_, end - position_));
    position_ = end + 1;
    return make(Token::Type::kName, std::move(name));
  }
  std::size_t end = position_;
  while (end < source_.size() && !is_name_stop(source_[end])) ++end;
  std::string word(source_.substr(position_, end - position_));
  position_ = end;
  if (c == '$') return make(Token::Type::kVariable, word.substr(1));
  if (word == "and" || word == "or" || word == "in") return make(Token::Type::kOperator, std::move(word));
  if (word == "true") return make(Token::Type::kTrue, std::move(word));
  if (word == "false") return make(Token::Type::kFalse, std::move(word));
  if (word == "null") return make(Token::Type::kNull, std::move(word));
  return make(Token::Type::kName, std::move(word));
}

JResult<Token> Lexer::string_literal(char quote) {
  std::string text;
  while (position_ < source_.size()) {
    char c = source_[position_];
    if (c == '\\') {
      ++position_;
      c = at(position_);
      switch (c) {
        case '"': text += '"'; break;
        case '\\': text += '\\'; break;
        case '/': text += '/'; break;
        case 'b': text += '\b'; break;
        case 'f': text += '\f'; break;
        case 'n': text += '\n'; break;
        case 'r': text += '\r'; break;
        case 't': text += '\t'; break;
        case 'u': {
          std::uint32_t unit = 0;
          if (!hex4(source_.substr(position_ + 1), unit)) return std::unexpected(lex_error("S0104", position_));
          position_ += 4;
          // A high surrogate followed by an escaped low one is one character.
          std::uint32_t low = 0;
          if (unit >= 0xD800 && unit <= 0xDBFF && at(position_ + 1) == '\\' && at(position_ + 2) == 'u' &&
              hex4(source_.substr(position_ + 3), low) && low >= 0xDC00 && low <= 0xDFFF) {
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            position_ += 6;
          }
          append_utf8(text, unit);
          break;
        }
        default:
          return std::unexpected(lex_error("S0103", position_, std::string(1, c)));
      }
    } else if (c == quote) {
      ++position_;
      return make(Token::Type::kString, std::move(text));
    } else {
      text += c;
    }
    ++position_;
  }
  return std::unexpected(lex_error("S0101", position_));
}

JResult<Token> Lexer::regex() {
  // The opening '/' is consumed. The closing one is the first unescaped '/' outside brackets.
  const std::size_t start = position_;
  int depth = 0;
  auto closing_slash = [&](std::size_t i) {
    if (source_[i] != '/' || depth != 0) return false;
    std::size_t backslashes = 0;
    while (i >= start + backslashes + 1 && source_[i - backslashes - 1] == '\\') ++backslashes;
    return backslashes % 2 == 0;
  };
  while (position_ < source_.size()) {
    const char c = source_[position_];
    if (closing_slash(position_)) {
      std::string pattern(source_.substr(start, position_ - start));
      if (pattern.empty()) return std::unexpected(lex_error("S0301", position_));
      ++position_;
      const std::size_t flags_start = position_;
      while (at(position_) == 'i' || at(position_) == 'm') ++position_;
      Token t = make(Token::Type::kRegex, std::move(pattern));
      t.flags = std::string(source_.substr(flags_start, position_ - flags_start));
      return t;
    }
    const bool escaped = position_ > 0 && source_[position_ - 1] == '\\';
    if ((c == '(' || c == '[' || c == '{') && !escaped) ++depth;
    if ((c == ')' || c == ']' || c == '}') && !escaped) --depth;
    ++position_;
  }
  return std::unexpected(lex_error("S0302", position_));
}

}  // namespace jobflow::jsonata
