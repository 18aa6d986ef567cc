#include "frontend/livy/jackson_parser.h"

#include <cstdlib>

#include "frontend/livy/java_text.h"

// Follows jackson-core 2.12.7 json/UTF8StreamJsonParser.java, base/ParserBase.java and
// base/ParserMinimalBase.java (method names in comments), with the default features: no comments,
// no single quotes, no unquoted names, no leading zeroes, no NaN, no trailing commas.
namespace jobflow::frontend::livy {
namespace {

constexpr std::string_view kValidValues =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

std::string hex(std::uint32_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value & 15]);
    value >>= 4;
  } while (value != 0);
  return out;
}

int hex_digit(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

// Java chars (UTF-16 units) to UTF-8, pairing surrogates.
std::string utf16_to_utf8(const std::u16string& units) {
  std::string out;
  out.reserve(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::uint32_t u = units[i];
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
      append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00));
      ++i;
    } else {
      append_utf8(out, u);
    }
  }
  return out;
}

}  // namespace

std::string_view jackson_token_name(JsonToken token) {
  switch (token) {
    case JsonToken::kNone: return "null";
    case JsonToken::kStartObject: return "START_OBJECT";
    case JsonToken::kEndObject: return "END_OBJECT";
    case JsonToken::kStartArray: return "START_ARRAY";
    case JsonToken::kEndArray: return "END_ARRAY";
    case JsonToken::kFieldName: return "FIELD_NAME";
    case JsonToken::kString: return "VALUE_STRING";
    case JsonToken::kInt: return "VALUE_NUMBER_INT";
    case JsonToken::kFloat: return "VALUE_NUMBER_FLOAT";
    case JsonToken::kTrue: return "VALUE_TRUE";
    case JsonToken::kFalse: return "VALUE_FALSE";
    case JsonToken::kNull: return "VALUE_NULL";
  }
  return "null";
}

bool is_scalar(JsonToken t) {
  return t == JsonToken::kString || t == JsonToken::kInt || t == JsonToken::kFloat || t == JsonToken::kTrue ||
         t == JsonToken::kFalse || t == JsonToken::kNull;
}

// ParserMinimalBase._getCharDesc; `ch` is a Java int holding a char (or a signed byte).
std::string jackson_char_desc(int ch) {
  const auto c = static_cast<std::uint32_t>(ch) & 0xFFFF;
  if (java_iso_control(c)) return "(CTRL-CHAR, code " + std::to_string(ch) + ")";
  std::string shown;
  append_utf8(shown, c);
  if (ch > 255) return "'" + shown + "' (code " + std::to_string(ch) + " / 0x" + hex(static_cast<std::uint32_t>(ch)) + ")";
  return "'" + shown + "' (code " + std::to_string(ch) + ")";
}

// ParserMinimalBase._longIntegerDesc.
std::string jackson_long_integer_desc(const std::string& number) {
  if (number.size() < 1000) return number;
  std::size_t digits = number.size();
  if (number[0] == '-') --digits;
  return "[Integer with " + std::to_string(digits) + " digits]";
}

JacksonParser::JacksonParser(std::string_view input) : in_(input) {
  // ByteSourceJsonBootstrapper skips a UTF-8 byte order mark; columns start after it.
  if (in_.size() >= 3 && in_.substr(0, 3) == "\xEF\xBB\xBF") ptr_ = line_start_ = 3;
  contexts_.push_back({Context::kRoot, -1, 1, 0});
}

// ---- errors ----

void JacksonParser::fail(std::string message) const {
  throw JacksonError{JacksonError::Kind::kStreamRead, std::move(message), current_location(), {}};
}

void JacksonParser::fail_eof(std::string_view what) const { fail("Unexpected end-of-input" + std::string(what)); }

void JacksonParser::fail_unexpected_char(int ch, std::string_view comment) {
  std::string message = "Unexpected character (" + jackson_char_desc(ch) + ")";
  if (!comment.empty()) message += ": " + std::string(comment);
  fail(std::move(message));
}

void JacksonParser::fail_unexpected_number_char(int ch, std::string_view comment) const {
  fail("Unexpected character (" + jackson_char_desc(ch) + ") in numeric value: " + std::string(comment));
}

void JacksonParser::fail_unquoted(int c, std::string_view where) const {
  fail("Illegal unquoted character (" + jackson_char_desc(c) + "): has to be escaped using backslash to be included in " +
       std::string(where));
}

// _reportInvalidToken: the token is what follows while it looks like a Java identifier.
void JacksonParser::fail_invalid_token(std::string matched) {
  std::size_t units = java_length(matched);
  while (!at_end()) {
    const int b = static_cast<signed char>(in_[ptr_++]);
    const auto c = static_cast<std::uint32_t>(decode_char_for_error(b)) & 0xFFFF;
    if (!java_identifier_part(c)) break;
    append_utf8(matched, c);
    if (++units >= 256) {
      matched += "...";
      break;
    }
  }
  fail("Unrecognized token '" + matched + "': was expecting " + std::string(kValidValues));
}

// ---- locations ----

JacksonLocation JacksonParser::token_location() const {
  if (cur_ == JsonToken::kFieldName) return {name_line_, name_column_};
  return {token_line_, token_column_};
}

JacksonLocation JacksonParser::current_location() const {
  return {line_, static_cast<std::int64_t>(ptr_ - line_start_) + 1};
}

// Both run just after the token's first byte was consumed, giving its 1-based column.
void JacksonParser::update_location() {
  token_line_ = line_;
  token_column_ = static_cast<std::int64_t>(ptr_ - line_start_);
}

void JacksonParser::update_name_location() {
  name_line_ = line_;
  name_column_ = static_cast<std::int64_t>(ptr_ - line_start_);
}

// ---- white space ----

int JacksonParser::next_byte() {
  if (at_end()) fail_eof(" in " + std::string(jackson_token_name(cur_)));
  return byte_at(ptr_++);
}

void JacksonParser::skip_cr() {
  if (!at_end() && in_[ptr_] == '\n') ++ptr_;
  ++line_;
  line_start_ = ptr_;
}

void JacksonParser::skip_whitespace_byte(int c) {
  switch (c) {
    case ' ':
    case '\t':
      return;
    case '\n':
      ++line_;
      line_start_ = ptr_;
      return;
    case '\r':
      skip_cr();
      return;
    default:
      fail("Illegal character (" + jackson_char_desc(c) +
           "): only regular white space (\\r, \\n, \\t) is allowed between tokens");
  }
}

int JacksonParser::skip_ws_or_end() {
  while (true) {
    if (at_end()) {
      const auto& ctx = contexts_.back();
      if (ctx.type != Context::kRoot)
        fail_eof(": expected close marker for " + std::string(ctx.type_desc()) + " (start marker at " +
                 to_string(JacksonLocation{ctx.start_line, ctx.start_column}) + ")");
      return -1;
    }
    const int c = byte_at(ptr_++);
    if (c > ' ') {
      if (c == '/')
        fail_unexpected_char('/', "maybe a (non-standard) comment? (not recognized as one since Feature "
                                  "'ALLOW_COMMENTS' not enabled for parser)");
      return c;
    }
    skip_whitespace_byte(c);
  }
}

int JacksonParser::skip_ws() {
  while (true) {
    if (at_end()) fail("Unexpected end-of-input within/between " + std::string(contexts_.back().type_desc()) + " entries");
    const int c = byte_at(ptr_++);
    if (c > ' ') {
      if (c == '/')
        fail_unexpected_char('/', "maybe a (non-standard) comment? (not recognized as one since Feature "
                                  "'ALLOW_COMMENTS' not enabled for parser)");
      return c;
    }
    skip_whitespace_byte(c);
  }
}

int JacksonParser::skip_colon() {
  bool got_colon = false;
  while (true) {
    if (at_end()) fail_eof(" within/between " + std::string(contexts_.back().type_desc()) + " entries");
    const int c = byte_at(ptr_++);
    if (c > ' ') {
      if (c == '/')
        fail_unexpected_char('/', "maybe a (non-standard) comment? (not recognized as one since Feature "
                                  "'ALLOW_COMMENTS' not enabled for parser)");
      if (got_colon) return c;
      if (c != ':') fail_unexpected_char(c, "was expecting a colon to separate field name and value");
      got_colon = true;
    } else {
      skip_whitespace_byte(c);
    }
  }
}

// ---- tokens ----

void JacksonParser::push(Context::Type type) { contexts_.push_back({type, -1, token_line_, token_column_}); }

void JacksonParser::close_scope(Context::Type type, char actual, char expected) {
  update_location();
  const auto& ctx = contexts_.back();
  if (ctx.type != type)
    fail(std::string("Unexpected close marker '") + actual + "': expected '" + expected + "' (for " +
         std::string(ctx.type_desc()) + " starting at " + to_string(JacksonLocation{ctx.start_line, ctx.start_column}) +
         ")");
  contexts_.pop_back();
}

JsonToken JacksonParser::next_token() {
  if (cur_ == JsonToken::kFieldName) return next_after_name();
  if (string_pending_) finish_string(false);
  int i = skip_ws_or_end();
  if (i < 0) return cur_ = JsonToken::kNone;
  if (i == ']') {
    close_scope(Context::kArray, ']', '}');
    return cur_ = JsonToken::kEndArray;
  }
  if (i == '}') {
    close_scope(Context::kObject, '}', ']');
    return cur_ = JsonToken::kEndObject;
  }
  auto& ctx = contexts_.back();
  ++ctx.index;  // JsonReadContext.expectComma
  if (ctx.type != Context::kRoot && ctx.index > 0) {
    if (i != ',') fail_unexpected_char(i, "was expecting comma to separate " + std::string(ctx.type_desc()) + " entries");
    i = skip_ws();
  }
  if (ctx.type != Context::kObject) {
    update_location();
    return next_not_in_object(i);
  }
  update_name_location();
  name_ = parse_name(i);
  cur_ = JsonToken::kFieldName;
  i = skip_colon();
  update_location();
  if (i == '"') {
    string_pending_ = true;
    next_ = JsonToken::kString;
    return cur_;
  }
  next_ = parse_value_start(i);
  return cur_;
}

std::optional<std::string> JacksonParser::next_field_name() {
  if (next_token() == JsonToken::kFieldName) return name_;
  return std::nullopt;
}

JsonToken JacksonParser::next_after_name() {
  const JsonToken t = next_;
  next_ = JsonToken::kNone;
  if (t == JsonToken::kStartArray) push(Context::kArray);
  if (t == JsonToken::kStartObject) push(Context::kObject);
  return cur_ = t;
}

JsonToken JacksonParser::next_not_in_object(int c) {
  switch (c) {
    case '"':
      string_pending_ = true;
      return cur_ = JsonToken::kString;
    case '[':
      push(Context::kArray);
      return cur_ = JsonToken::kStartArray;
    case '{':
      push(Context::kObject);
      return cur_ = JsonToken::kStartObject;
    default:
      return cur_ = parse_value_start(c);
  }
}

JsonToken JacksonParser::parse_value_start(int c) {
  switch (c) {
    case '-':
      return parse_number(c, true);
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number(c, false);
    case 'f':
      match_literal("false", 1);
      return JsonToken::kFalse;
    case 'n':
      match_literal("null", 1);
      return JsonToken::kNull;
    case 't':
      match_literal("true", 1);
      return JsonToken::kTrue;
    case '[':
      return JsonToken::kStartArray;
    case '{':
      return JsonToken::kStartObject;
    default:
      return handle_unexpected_value(c);  // including '.': no leading decimal point
  }
}

const std::string& JacksonParser::text() {
  static const std::string kLiterals[] = {"", "{", "}", "[", "]", "", "", "", "", "true", "false", "null"};
  switch (cur_) {
    case JsonToken::kString:
      if (string_pending_) finish_string(true);
      return text_;
    case JsonToken::kFieldName:
      return name_;
    case JsonToken::kInt:
    case JsonToken::kFloat:
      return text_;
    default:
      return kLiterals[static_cast<int>(cur_)];
  }
}

void JacksonParser::skip_children() {
  if (cur_ != JsonToken::kStartObject && cur_ != JsonToken::kStartArray) return;
  int open = 1;
  while (true) {
    const JsonToken t = next_token();
    if (t == JsonToken::kNone) return;
    if (t == JsonToken::kStartObject || t == JsonToken::kStartArray) {
      ++open;
    } else if ((t == JsonToken::kEndObject || t == JsonToken::kEndArray) && --open == 0) {
      return;
    }
  }
}

void JacksonParser::read_structure() {
  if (cur_ == JsonToken::kString) text();
  if (cur_ != JsonToken::kStartObject && cur_ != JsonToken::kStartArray) return;
  int depth = 1;
  while (true) {
    const JsonToken t = next_token();
    if (t == JsonToken::kNone) return;
    if (t == JsonToken::kString) text();
    if (t == JsonToken::kStartObject || t == JsonToken::kStartArray) {
      ++depth;
    } else if ((t == JsonToken::kEndObject || t == JsonToken::kEndArray) && --depth == 0) {
      return;
    }
  }
}

// ---- names and strings ----

// _decodeCharForError: the (possibly multi-byte) character starting with `first_byte`, for a message.
int JacksonParser::decode_char_for_error(int first_byte) {
  int c = first_byte & 0xFF;
  if (c <= 0x7F) return c;
  int needed;
  if ((c & 0xE0) == 0xC0) {
    c &= 0x1F;
    needed = 1;
  } else if ((c & 0xF0) == 0xE0) {
    c &= 0x0F;
    needed = 2;
  } else if ((c & 0xF8) == 0xF0) {
    c &= 0x07;
    needed = 3;
  } else {
    fail("Invalid UTF-8 start byte 0x" + hex(static_cast<std::uint32_t>(c)));
  }
  for (int k = 0; k < needed; ++k) {
    const int d = next_byte();
    if ((d & 0xC0) != 0x80) fail("Invalid UTF-8 middle byte 0x" + hex(static_cast<std::uint32_t>(d)));
    c = (c << 6) | (d & 0x3F);
  }
  return c;
}

std::uint32_t JacksonParser::decode_escaped() {
  if (at_end()) fail_eof(" in character escape sequence");
  const int c = static_cast<signed char>(in_[ptr_++]);
  switch (c) {
    case 'b': return '\b';
    case 't': return '\t';
    case 'n': return '\n';
    case 'f': return '\f';
    case 'r': return '\r';
    case '"':
    case '/':
    case '\\':
      return static_cast<std::uint32_t>(c);
    case 'u':
      break;
    default:
      fail("Unrecognized character escape " + jackson_char_desc(decode_char_for_error(c) & 0xFFFF));
  }
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    if (at_end()) fail_eof(" in character escape sequence");
    const int ch = static_cast<signed char>(in_[ptr_++]);
    const int digit = hex_digit(ch);
    if (digit < 0) fail_unexpected_char(ch & 0xFF, "expected a hex-digit for character escape sequence");
    value = (value << 4) | static_cast<std::uint32_t>(digit);
  }
  return value;
}

// _parseName, parseEscapedName and addName: the raw bytes are collected first (escapes re-encoded,
// as Jackson does), then decoded as UTF-8 with Jackson's (lax) checks.
std::string JacksonParser::parse_name(int first) {
  if (first != '"')
    fail_unexpected_char(decode_char_for_error(first) & 0xFFFF, "was expecting double-quote to start field name");
  if (ptr_ + 13 > in_.size() && at_end()) fail_eof(": was expecting closing '\"' for name");  // slowParseName
  std::string bytes;
  while (true) {
    if (at_end()) fail_eof(" in field name");
    const int c = byte_at(ptr_++);
    if (c == '"') break;
    if (c == '\\') {
      const std::uint32_t ch = decode_escaped();
      if (ch < 0x80) {
        bytes += static_cast<char>(ch);
      } else if (ch < 0x800) {
        bytes += static_cast<char>(0xC0 | (ch >> 6));
        bytes += static_cast<char>(0x80 | (ch & 0x3F));
      } else {  // surrogates too, one by one
        bytes += static_cast<char>(0xE0 | (ch >> 12));
        bytes += static_cast<char>(0x80 | ((ch >> 6) & 0x3F));
        bytes += static_cast<char>(0x80 | (ch & 0x3F));
      }
      continue;
    }
    if (c < ' ') fail_unquoted(c, "name");
    bytes += static_cast<char>(c);
  }
  std::u16string units;
  for (std::size_t ix = 0; ix < bytes.size();) {
    int ch = static_cast<unsigned char>(bytes[ix++]);
    if (ch > 127) {
      int needed;
      if ((ch & 0xE0) == 0xC0) {
        ch &= 0x1F;
        needed = 1;
      } else if ((ch & 0xF0) == 0xE0) {
        ch &= 0x0F;
        needed = 2;
      } else if ((ch & 0xF8) == 0xF0) {
        ch &= 0x07;
        needed = 3;
      } else {
        fail("Invalid UTF-8 start byte 0x" + hex(static_cast<std::uint32_t>(ch)));
      }
      if (ix + static_cast<std::size_t>(needed) > bytes.size()) fail_eof(" in field name");
      for (int k = 0; k < needed; ++k) {
        const int ch2 = static_cast<unsigned char>(bytes[ix++]);
        if ((ch2 & 0xC0) != 0x80) fail("Invalid UTF-8 middle byte 0x" + hex(static_cast<std::uint32_t>(ch2)));
        ch = (ch << 6) | (ch2 & 0x3F);
      }
      if (needed > 2) {
        ch -= 0x10000;
        units += static_cast<char16_t>(0xD800 + (ch >> 10));
        ch = 0xDC00 | (ch & 0x03FF);
      }
    }
    units += static_cast<char16_t>(ch);
  }
  return utf16_to_utf8(units);
}

// _finishString2 (keep) and _skipString (not keep): the same checks, the same messages.
void JacksonParser::finish_string(bool keep) {
  string_pending_ = false;
  std::u16string out;
  while (true) {
    if (at_end()) fail_eof(" in " + std::string(jackson_token_name(cur_)));
    const int c = byte_at(ptr_++);
    if (c == '"') break;
    if (c == '\\') {
      out += static_cast<char16_t>(decode_escaped());
      continue;
    }
    if (c < 0x80) {
      if (c < ' ') fail_unquoted(c, "string value");
      out += static_cast<char16_t>(c);
      continue;
    }
    int needed;
    int cp;
    if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      needed = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      needed = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      needed = 3;
    } else {
      fail("Invalid UTF-8 start byte 0x" + hex(static_cast<std::uint32_t>(c)));
    }
    for (int k = 0; k < needed; ++k) {
      const int d = next_byte();
      if ((d & 0xC0) != 0x80) fail("Invalid UTF-8 middle byte 0x" + hex(static_cast<std::uint32_t>(d)));
      cp = (cp << 6) | (d & 0x3F);
    }
    if (needed == 3) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 | (cp >> 10));
      out += static_cast<char16_t>(0xDC00 | (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  if (keep) text_ = utf16_to_utf8(out);
}

// ---- numbers and literals ----

int JacksonParser::verify_no_leading_zeroes() {
  if (at_end()) return '0';
  const int ch = byte_at(ptr_);
  if (ch < '0' || ch > '9') return '0';
  fail("Invalid numeric value: Leading zeroes not allowed");
}

JsonToken JacksonParser::parse_number(int first, bool negative) {
  text_.clear();
  int c = first;
  if (negative) {
    text_.push_back('-');
    if (at_end()) fail_eof(" in " + std::string(jackson_token_name(cur_)));
    c = byte_at(ptr_++);
    if (c <= '0') {
      if (c != '0') return handle_invalid_number_start(c, true);
      c = verify_no_leading_zeroes();
    } else if (c > '9') {
      return handle_invalid_number_start(c, true);
    }
  } else if (c == '0') {
    c = verify_no_leading_zeroes();
  }
  text_ += static_cast<char>(c);
  while (true) {
    if (at_end()) return JsonToken::kInt;  // _parseNumber2: the input ends the number
    c = byte_at(ptr_++);
    if (c < '0' || c > '9') break;
    text_ += static_cast<char>(c);
  }
  if (c == '.' || c == 'e' || c == 'E') {
    bool eof = false;
    return parse_float(c, &eof);
  }
  --ptr_;
  if (contexts_.back().type == Context::kRoot) verify_root_space(c);
  return JsonToken::kInt;
}

JsonToken JacksonParser::parse_float(int c, bool* eof) {
  if (c == '.') {
    text_ += '.';
    int fraction = 0;
    while (true) {
      if (at_end()) {
        *eof = true;
        break;
      }
      c = byte_at(ptr_++);
      if (c < '0' || c > '9') break;
      ++fraction;
      text_ += static_cast<char>(c);
    }
    if (fraction == 0) fail_unexpected_number_char(c, "Decimal point not followed by a digit");
  }
  if (c == 'e' || c == 'E') {
    text_ += static_cast<char>(c);
    if (at_end()) fail_eof(" in " + std::string(jackson_token_name(cur_)));
    c = byte_at(ptr_++);
    if (c == '-' || c == '+') {
      text_ += static_cast<char>(c);
      if (at_end()) fail_eof(" in " + std::string(jackson_token_name(cur_)));
      c = byte_at(ptr_++);
    }
    int exponent = 0;
    while (c >= '0' && c <= '9') {
      ++exponent;
      text_ += static_cast<char>(c);
      if (at_end()) {
        *eof = true;
        break;
      }
      c = byte_at(ptr_++);
    }
    if (exponent == 0) fail_unexpected_number_char(c, "Exponent indicator not followed by a digit");
  }
  if (!*eof) {
    --ptr_;
    if (contexts_.back().type == Context::kRoot) verify_root_space(c);
  }
  return JsonToken::kFloat;
}

void JacksonParser::verify_root_space(int c) {
  ++ptr_;
  switch (c) {
    case ' ':
    case '\t':
      return;
    case '\r':
      skip_cr();
      return;
    case '\n':
      ++line_;
      line_start_ = ptr_;
      return;
    default:
      fail_unexpected_char(c, "Expected space separating root-level values");
  }
}

JsonToken JacksonParser::handle_invalid_number_start(int ch, bool negative) {
  while (ch == 'I') {
    if (at_end()) fail_eof(" in a Number value");
    ch = static_cast<signed char>(in_[ptr_++]);
    std::string match;
    if (ch == 'N') {
      match = negative ? "-INF" : "+INF";
    } else if (ch == 'n') {
      match = negative ? "-Infinity" : "+Infinity";
    } else {
      break;
    }
    match_literal(match, 3);
    fail("Non-standard token '" + match + "': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow");
  }
  fail_unexpected_number_char(ch, "expected digit (0-9) to follow minus sign, for valid numeric value");
}

JsonToken JacksonParser::handle_unexpected_value(int c) {
  switch (c) {
    case ']':
      if (contexts_.back().type != Context::kArray) break;
      [[fallthrough]];
    case ',':
    case '}':
      fail_unexpected_char(c, "expected a value");
    case 'N':
      match_literal("NaN", 1);
      fail("Non-standard token 'NaN': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow");
    case 'I':
      match_literal("Infinity", 1);
      fail("Non-standard token 'Infinity': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow");
    case '+':
      if (at_end()) fail_eof(" in a Number value");
      return handle_invalid_number_start(byte_at(ptr_++), false);
    default:
      break;
  }
  if (java_identifier_start(static_cast<std::uint32_t>(c))) {
    std::string matched;
    append_utf8(matched, static_cast<std::uint32_t>(c));  // the byte, read as a Latin-1 char
    fail_invalid_token(std::move(matched));
  }
  fail_unexpected_char(c, "expected a valid value " + std::string(kValidValues));
}

// _matchToken2 / _checkMatchEnd: `literal` from index `matched` on, then no identifier char.
void JacksonParser::match_literal(std::string_view literal, std::size_t matched) {
  do {
    if (at_end() || in_[ptr_] != literal[matched]) fail_invalid_token(std::string(literal.substr(0, matched)));
    ++ptr_;
  } while (++matched < literal.size());
  if (at_end()) return;
  const int ch = byte_at(ptr_);
  if (ch >= '0' && ch != ']' && ch != '}') {
    // Jackson decodes from the unconsumed byte on, so a multi-byte character fails here.
    const auto c = static_cast<std::uint32_t>(decode_char_for_error(ch)) & 0xFFFF;
    if (java_identifier_part(c)) fail_invalid_token(std::string(literal.substr(0, matched)));
  }
}

JacksonParser::NumberType JacksonParser::number_type() const {
  if (cur_ == JsonToken::kFloat) return NumberType::kDouble;
  if (java_parse_int(text_)) return NumberType::kInt;
  if (java_parse_long(text_)) return NumberType::kLong;
  return NumberType::kBigInteger;
}

std::int64_t JacksonParser::long_value() const { return java_parse_long(text_).value_or(0); }

double JacksonParser::double_value() const { return std::strtod(text_.c_str(), nullptr); }

std::int32_t JacksonParser::int_value() const {
  // ParserBase.convertNumberToInt -> reportOverflowInt: an InputCoercionException at the current location.
  const auto overflow = [&] {
    throw JacksonError{JacksonError::Kind::kStreamRead,
                       "Numeric value (" + jackson_long_integer_desc(text_) +
                           ") out of range of int (-2147483648 - 2147483647)",
                       current_location(),
                       {}};
  };
  if (cur_ == JsonToken::kInt) {
    if (auto v = java_parse_int(text_)) return *v;
    overflow();
  }
  const double d = double_value();
  if (d < -2147483648.0 || d > 2147483647.0) overflow();
  return static_cast<std::int32_t>(d);
}

}  // namespace jobflow::frontend::livy
