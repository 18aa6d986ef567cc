#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/livy/jackson_error.h"

namespace jobflow::frontend::livy {

enum class JsonToken {
  kNone,  // end of input (Jackson: null)
  kStartObject,
  kEndObject,
  kStartArray,
  kEndArray,
  kFieldName,
  kString,
  kInt,
  kFloat,
  kTrue,
  kFalse,
  kNull,
};

// Jackson's JsonToken name: "START_OBJECT", "VALUE_STRING", ... ("null" for kNone).
std::string_view jackson_token_name(JsonToken token);

bool is_scalar(JsonToken token);

// A pull parser over a request body that behaves like Jackson 2.12's UTF8StreamJsonParser (the
// one Livy 0.8/0.9 binds request bodies with, default features): the same tokens in the same
// order, the same lazy string decoding, the same errors with the same wording and locations.
// Errors are thrown as JacksonError (kind kStreamRead); see jackson_binding.h for the layer above.
//
// Like Jackson it reads only as far as asked: nothing after the value being bound is looked at.
class JacksonParser {
 public:
  explicit JacksonParser(std::string_view input);

  // JsonParser.nextToken(). After a field name Jackson has already read the start of its value.
  JsonToken next_token();
  // JsonParser.nextFieldName(): the name when the next token is one, else nullopt.
  std::optional<std::string> next_field_name();

  JsonToken current_token() const { return cur_; }
  const std::string& current_name() const { return name_; }

  // getText(): a string's decoded text (decoding it now, which may fail), a number as written,
  // a field name, or the literal.
  const std::string& text();

  // getTokenLocation() / getCurrentLocation().
  JacksonLocation token_location() const;
  JacksonLocation current_location() const;

  // skipChildren(): past the end of the object or array that starts at the current token.
  void skip_children();
  // What TokenBuffer.copyCurrentStructure reads: as skip_children, but strings are decoded.
  void read_structure();

  // Numbers of the current kInt / kFloat token.
  enum class NumberType { kInt, kLong, kBigInteger, kDouble };
  NumberType number_type() const;
  std::int32_t int_value() const;  // getIntValue(): truncates floats; throws when out of range
  std::int64_t long_value() const;
  double double_value() const;

 private:
  struct Context {
    enum Type { kRoot, kArray, kObject } type;
    std::int64_t index = -1;
    std::int64_t start_line = 1;
    std::int64_t start_column = 0;
    std::string_view type_desc() const { return type == kRoot ? "root" : type == kArray ? "Array" : "Object"; }
  };

  [[noreturn]] void fail(std::string message) const;
  [[noreturn]] void fail_unexpected_char(int ch, std::string_view comment);
  [[noreturn]] void fail_eof(std::string_view what) const;
  [[noreturn]] void fail_invalid_token(std::string matched);
  [[noreturn]] void fail_unexpected_number_char(int ch, std::string_view comment) const;

  bool at_end() const { return ptr_ >= in_.size(); }
  int byte_at(std::size_t i) const { return static_cast<unsigned char>(in_[i]); }
  int next_byte();  // for multi-byte decoding: end of input is an error

  void update_location();
  void update_name_location();
  int skip_ws_or_end();
  int skip_ws();
  void skip_cr();
  void skip_whitespace_byte(int c);
  int skip_colon();
  JsonToken next_after_name();
  JsonToken next_not_in_object(int c);
  JsonToken parse_value_start(int c);
  void close_scope(Context::Type type, char actual, char expected);
  void push(Context::Type type);

  std::string parse_name(int first);
  void finish_string(bool keep);
  std::uint32_t decode_escaped();
  int decode_char_for_error(int first_byte);
  [[noreturn]] void fail_unquoted(int c, std::string_view where) const;

  JsonToken parse_number(int first, bool negative);
  int verify_no_leading_zeroes();
  JsonToken parse_float(int c, bool* eof);
  void verify_root_space(int c);
  JsonToken handle_invalid_number_start(int ch, bool negative);
  JsonToken handle_unexpected_value(int c);
  void match_literal(std::string_view literal, std::size_t matched);

  std::string_view in_;
  std::size_t ptr_ = 0;
  std::int64_t line_ = 1;
  std::size_t line_start_ = 0;
  std::int64_t token_line_ = 1;
  std::int64_t token_column_ = 0;
  std::int64_t name_line_ = 1;
  std::int64_t name_column_ = 0;

  JsonToken cur_ = JsonToken::kNone;
  JsonToken next_ = JsonToken::kNone;  // the value token read with the field name
  bool string_pending_ = false;         // Jackson's _tokenIncomplete
  std::string name_;
  std::string text_;                    // the current string or number
  std::vector<Context> contexts_;
};

// The pieces of Jackson's wording the binding layer shares.
std::string jackson_char_desc(int ch);  // _getCharDesc: "'x' (code 120)", "(CTRL-CHAR, code 10)"
std::string jackson_long_integer_desc(const std::string& number);

}  // namespace jobflow::frontend::livy
