#include "asl/validate/definition_parser.h"

#include "base/json_parse.h"

#include <cctype>
#include <string>
#include <vector>

#include <boost/json/stream_parser.hpp>

#include "asl/validate/messages.h"

namespace jobflow::asl {
namespace {

constexpr std::size_t kMaxSourceChars = 500;  // Jackson's limit for the quoted source

struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
};

Position position_of(std::string_view text, std::size_t offset) {
  Position p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

std::string source(std::string_view text) {
  // Jackson quotes the source as it is, without escaping.
  std::string out = "[Source: (String)\"" + std::string(text.substr(0, kMaxSourceChars)) + "\"";
  if (text.size() > kMaxSourceChars) {
    out += "[truncated " + std::to_string(text.size() - kMaxSourceChars) + " chars]";
  }
  return out;
}

std::string at(std::string_view text, Position p) {
  return source(text) + "; line: " + std::to_string(p.line) + ", column: " +
         std::to_string(p.column) + "]";
}

// What the parser expected at `offset`, from a light scan of the text before it.
struct Context {
  std::vector<std::pair<char, std::size_t>> open;  // '{' or '[' and its offset
  char last = 0;                                   // last significant character before offset
};

Context scan(std::string_view text, std::size_t offset) {
  Context ctx;
  bool in_string = false;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') { in_string = false; ctx.last = '"'; }
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ctx.open.emplace_back(c, i);
    else if ((c == '}' || c == ']') && !ctx.open.empty()) ctx.open.pop_back();
    ctx.last = c;
  }
  return ctx;
}

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' ||
         c == '.';
}

std::string describe_char(char c) {
  unsigned code = static_cast<unsigned char>(c);
  std::string shown = std::isprint(static_cast<unsigned char>(c)) ? std::string(1, c)
                                                                   : "\\u" + [code] {
                                                                       char buf[5];
                                                                       std::snprintf(buf, sizeof buf, "%04x", code);
                                                                       return std::string(buf);
                                                                     }();
  return "Unexpected character ('" + shown + "' (code " + std::to_string(code) + "))";
}

Diagnostic invalid(std::string message) {
  return {std::string(Messages::kInvalidJson), std::move(message), "null"};
}

Diagnostic describe_error(std::string_view text, std::size_t offset) {
  // Skip blanks: the error is at the next significant character.
  while (offset < text.size() && std::isspace(static_cast<unsigned char>(text[offset]))) ++offset;
  Context ctx = scan(text, offset);
  if (offset >= text.size()) {
    if (ctx.open.empty()) {
      return invalid("No content to map due to end-of-input\n at " + at(text, position_of(text, offset)));
    }
    auto [marker, start] = ctx.open.back();
    std::string kind = marker == '{' ? "Object" : "Array";
    return invalid("Unexpected end-of-input: expected close marker for " + kind +
                   " (start marker at " + at(text, position_of(text, start)) + ")\n at " +
                   at(text, position_of(text, text.size())));
  }
  char c = text[offset];
  if (std::isalpha(static_cast<unsigned char>(c))) {
    std::size_t begin = offset;
    while (begin > 0 && is_token_char(text[begin - 1])) --begin;
    std::size_t end = offset;
    while (end < text.size() && is_token_char(text[end])) ++end;
    std::string token(text.substr(begin, end - begin));
    return invalid("Unrecognized token '" + token +
                   "': was expecting (JSON String, Number, Array, Object or token 'null', "
                   "'true' or 'false')\n at " + at(text, position_of(text, end)));
  }
  bool in_object = !ctx.open.empty() && ctx.open.back().first == '{';
  std::string expected;
  if (in_object && (ctx.last == '{' || ctx.last == ',')) {
    expected = "was expecting double-quote to start field name";
  } else if (in_object && ctx.last == '"' && c != ':') {
    expected = "was expecting a colon to separate field name and value";
  } else if (!ctx.open.empty() && (ctx.last == '"' || ctx.last == '}' || ctx.last == ']' ||
                                   std::isalnum(static_cast<unsigned char>(ctx.last)))) {
    expected = in_object ? "was expecting comma to separate Object entries"
                         : "was expecting comma to separate Array entries";
  } else {
    expected = "expected a valid value (JSON String, Number, Array, Object or token 'null', "
               "'true' or 'false')";
  }
  return invalid(describe_char(c) + ": " + expected + "\n at " +
                 at(text, position_of(text, offset + 1)));
}

}  // namespace

Parsed<Json> DefinitionParser::parse(std::string_view text) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec && !parser.done()) {
    parser.finish(ec);
    if (ec) return std::unexpected(describe_error(text, text.size()));
  }
  if (ec) return std::unexpected(describe_error(text, used));
  // The stream parser locates errors; the value is read again with exact numbers.
  return parse_json_exact(text, ec);
}

}  // namespace jobflow::asl
