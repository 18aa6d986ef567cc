// The Jackson emulation under the Livy decoders: parse errors with Jackson's wording and
// locations, the order Jackson lists known properties in, and Java's number text.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "frontend/livy/jackson_binding.h"
#include "frontend/livy/jackson_parser.h"
#include "frontend/livy/java_text.h"

namespace jobflow::frontend::livy {
namespace {

std::string at(int line, int column) {
  return "\n at [Source: (org.eclipse.jetty.server.HttpInputOverHTTP); line: " + std::to_string(line) +
         ", column: " + std::to_string(column) + "]";
}

// Reads the whole document token by token (decoding every string), as a binder would.
std::string parse_error(std::string_view body) {
  try {
    JacksonParser p(body);
    while (p.next_token() != JsonToken::kNone)
      if (p.current_token() == JsonToken::kString) p.text();
  } catch (const JacksonError& e) {
    return e.text();
  }
  return "";
}

struct ParseCase {
  const char* name;
  std::string body;
  std::string error;  // empty: parses
};

// Expected texts follow jackson-core 2.12.7 UTF8StreamJsonParser; columns are 1-based bytes.
const ParseCase kParseCases[] = {
    {"valid", R"({"a":[1,-2.5e3,true,false,null,"x\n\u00e9"],"b":{}})", ""},
    {"missing_comma_object", R"({"a":1 "b":2})",
     "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries" + at(1, 9)},
    {"missing_comma_array", "[1 2]", "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries" + at(1, 5)},
    {"trailing_comma_object", R"({"a":1,})",
     "Unexpected character ('}' (code 125)): was expecting double-quote to start field name" + at(1, 9)},
    {"trailing_comma_array", "[1,]", "Unexpected character (']' (code 93)): expected a value" + at(1, 5)},
    {"unquoted_name", "{a:1}", "Unexpected character ('a' (code 97)): was expecting double-quote to start field name" + at(1, 3)},
    {"single_quoted_name", "{'a':1}",
     "Unexpected character (''' (code 39)): was expecting double-quote to start field name" + at(1, 3)},
    {"missing_colon", R"({"a" 1})",
     "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value" + at(1, 7)},
    {"bare_word", R"({"a":abc})",
     "Unrecognized token 'abc': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')" +
         at(1, 10)},
    {"broken_literal", R"({"a":tru})",
     "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')" +
         at(1, 10)},
    {"literal_run_on", R"({"a":trueish})",
     "Unrecognized token 'trueish': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
     "'false')" + at(1, 14)},
    {"single_quoted_value", R"({"a":'x'})",
     "Unexpected character (''' (code 39)): expected a valid value (JSON String, Number, Array, Object or token "
     "'null', 'true' or 'false')" + at(1, 7)},
    {"missing_value", R"({"a":})", "Unexpected character ('}' (code 125)): expected a value" + at(1, 7)},
    {"leading_zero", R"({"a":01})", "Invalid numeric value: Leading zeroes not allowed" + at(1, 7)},
    {"minus_alone", R"({"a":-})",
     "Unexpected character ('}' (code 125)) in numeric value: expected digit (0-9) to follow minus sign, for valid "
     "numeric value" + at(1, 8)},
    {"plus_sign", R"({"a":+1})",
     "Unexpected character ('1' (code 49)) in numeric value: expected digit (0-9) to follow minus sign, for valid "
     "numeric value" + at(1, 8)},
    {"bare_fraction", R"({"a":1.})",
     "Unexpected character ('}' (code 125)) in numeric value: Decimal point not followed by a digit" + at(1, 9)},
    {"leading_point", R"({"a":.5})",
     "Unexpected character ('.' (code 46)): expected a valid value (JSON String, Number, Array, Object or token "
     "'null', 'true' or 'false')" + at(1, 7)},
    {"bare_exponent", R"({"a":1e})",
     "Unexpected character ('}' (code 125)) in numeric value: Exponent indicator not followed by a digit" + at(1, 9)},
    {"nan", R"({"a":NaN})", "Non-standard token 'NaN': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow" + at(1, 9)},
    {"minus_infinity", R"({"a":-Infinity})",
     "Non-standard token '-Infinity': enable JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS to allow" + at(1, 15)},
    {"comment", R"({"a":1 /* c */})",
     "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature "
     "'ALLOW_COMMENTS' not enabled for parser)" + at(1, 9)},
    {"control_char_in_string", "{\"a\":\"x\ty\"}",
     "Illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in string "
     "value" + at(1, 9)},
    {"control_char_in_name", "{\"a\nb\":1}",
     "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in name" +
         at(1, 5)},  // no new line inside a name
    {"bad_escape", R"({"a":"\x"})", "Unrecognized character escape 'x' (code 120)" + at(1, 9)},
    {"bad_unicode_escape", R"({"a":"\u12g4"})",
     "Unexpected character ('g' (code 103)): expected a hex-digit for character escape sequence" + at(1, 12)},
    {"invalid_utf8_start", "{\"a\":\"\x80\"}", "Invalid UTF-8 start byte 0x80" + at(1, 8)},
    {"invalid_utf8_middle", "{\"a\":\"\xC3(\"}", "Invalid UTF-8 middle byte 0x28" + at(1, 9)},
    {"illegal_space", "{\x01}",
     "Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens" +
         at(1, 3)},
    {"eof_in_object", R"({"a":1)",
     "Unexpected end-of-input: expected close marker for Object (start marker at [Source: "
     "(org.eclipse.jetty.server.HttpInputOverHTTP); line: 1, column: 1])" + at(1, 7)},
    {"eof_in_nested_array", "{\n  \"a\": [1\n",
     "Unexpected end-of-input: expected close marker for Array (start marker at [Source: "
     "(org.eclipse.jetty.server.HttpInputOverHTTP); line: 2, column: 8])" + at(3, 1)},
    {"eof_after_comma", R"({"a":1,)", "Unexpected end-of-input within/between Object entries" + at(1, 8)},
    {"eof_after_colon", R"({"a":)", "Unexpected end-of-input within/between Object entries" + at(1, 6)},
    {"eof_in_string", R"({"a":"xy)", "Unexpected end-of-input in VALUE_STRING" + at(1, 9)},
    {"eof_in_name", R"({"ab)", "Unexpected end-of-input in field name" + at(1, 5)},
    {"eof_after_quote", R"({")", "Unexpected end-of-input: was expecting closing '\"' for name" + at(1, 3)},
    {"mismatched_close", R"({"a":1])",
     "Unexpected close marker ']': expected '}' (for Object starting at [Source: "
     "(org.eclipse.jetty.server.HttpInputOverHTTP); line: 1, column: 1])" + at(1, 8)},
    {"close_at_root", "]",
     "Unexpected close marker ']': expected '}' (for root starting at [Source: "
     "(org.eclipse.jetty.server.HttpInputOverHTTP); line: 1, column: 0])" + at(1, 2)},
    {"crlf_lines", "{\r\n\"a\":1,\r\n\"b\" 2}",
     "Unexpected character ('2' (code 50)): was expecting a colon to separate field name and value" + at(3, 6)},
    {"bom_not_counted", "\xEF\xBB\xBF{\"a\" 1}",
     "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value" + at(1, 7)},
};

class LivyJacksonParseErrors : public ::testing::TestWithParam<ParseCase> {};

TEST_P(LivyJacksonParseErrors, ErrorsAsJacksonWordsThem) { EXPECT_EQ(parse_error(GetParam().body), GetParam().error); }

INSTANTIATE_TEST_SUITE_P(Livy, LivyJacksonParseErrors, ::testing::ValuesIn(kParseCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(LivyJacksonParser, TokensTextAndLocations) {
  JacksonParser p("{\n \"s\": \"caf\\u00e9 \\ud83d\\ude00\",\n \"n\": -12.50e1, \"i\": 42 }");
  EXPECT_EQ(p.next_token(), JsonToken::kStartObject);
  EXPECT_EQ(p.token_location().column, 1);
  EXPECT_EQ(p.next_token(), JsonToken::kFieldName);
  EXPECT_EQ(p.current_name(), "s");
  EXPECT_EQ(p.token_location().line, 2);
  EXPECT_EQ(p.token_location().column, 2);
  EXPECT_EQ(p.next_token(), JsonToken::kString);
  EXPECT_EQ(p.token_location().column, 7);
  EXPECT_EQ(p.text(), "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(p.next_field_name(), std::optional<std::string>("n"));
  EXPECT_EQ(p.next_token(), JsonToken::kFloat);
  EXPECT_EQ(p.text(), "-12.50e1");
  EXPECT_EQ(p.int_value(), -125);
  EXPECT_EQ(p.next_field_name(), std::optional<std::string>("i"));
  EXPECT_EQ(p.next_token(), JsonToken::kInt);
  EXPECT_EQ(p.int_value(), 42);
  EXPECT_EQ(p.current_location().line, 3);
  EXPECT_EQ(p.current_location().column, 24);  // on the blank after the digits
  EXPECT_EQ(p.next_field_name(), std::nullopt);
  EXPECT_EQ(p.current_token(), JsonToken::kEndObject);
}

TEST(LivyJacksonParser, ReadsNothingAfterTheValue) {
  JacksonParser p(R"({"a":1} ]]] not json)");
  EXPECT_EQ(p.next_token(), JsonToken::kStartObject);
  p.skip_children();
  EXPECT_EQ(p.current_token(), JsonToken::kEndObject);
}

TEST(LivyJacksonParser, IntOverflowIsAnInputCoercionError) {
  JacksonParser p(R"({"a":3000000000})");
  p.next_token();
  p.next_token();
  p.next_token();
  try {
    p.int_value();
    FAIL() << "no overflow";
  } catch (const JacksonError& e) {
    EXPECT_EQ(e.kind, JacksonError::Kind::kStreamRead);
    EXPECT_EQ(e.text(), "Numeric value (3000000000) out of range of int (-2147483648 - 2147483647)" + at(1, 16));
  }
}

// Real "known properties" lists from Jackson 2.x error reports, with the classes' declared order.
struct OrderCase {
  const char* source;
  std::vector<std::string_view> declared;
  std::vector<std::string_view> listed;
};

const OrderCase kOrderCases[] = {
    // apache/kylin SQLRequest (davinci#751)
    {"kylin", {"sql", "project", "offset", "limit", "acceptPartial", "backdoorToggles"},
     {"offset", "project", "backdoorToggles", "limit", "sql", "acceptPartial"}},
    // jobrunr JobDashboardProgress (jobrunr#1107)
    {"jobrunr", {"succeededAmount", "failedAmount", "totalAmount", "progress"},
     {"succeededAmount", "totalAmount", "failedAmount", "progress"}},
    // apache/kyuubi client Batch (kyuubi#4208)
    {"kyuubi",
     {"id", "user", "batchType", "name", "appId", "appUrl", "appState", "appDiagnostic", "kyuubiInstance", "state",
      "createTime", "endTime", "cluster"},
     {"appDiagnostic", "createTime", "kyuubiInstance", "user", "appUrl", "appState", "state", "batchType", "cluster",
      "id", "appId", "endTime", "name"}},
    // apache/linkis EngineCreateRequest (linkis#4212)
    {"linkis", {"user", "labels", "properties", "createService", "description", "timeout", "ignoreTimeout"},
     {"timeout", "properties", "createService", "user", "description", "labels", "ignoreTimeout"}},
    // Livy's CreateBatchRequest: derived, as the unknown-field message lists it
    {"livy_batch",
     {"file", "proxyUser", "args", "className", "jars", "pyFiles", "files", "driverMemory", "driverCores",
      "executorMemory", "executorCores", "numExecutors", "archives", "queue", "name", "conf"},
     {"executorCores", "className", "conf", "driverMemory", "name", "driverCores", "pyFiles", "archives",
      "executorMemory", "files", "jars", "proxyUser", "numExecutors", "file", "args", "queue"}},
};

TEST(LivyJacksonPropertyOrder, MatchesJacksonReports) {
  for (const auto& c : kOrderCases) EXPECT_EQ(jackson_property_order(c.declared), c.listed) << c.source;
}

TEST(LivyJavaText, DoubleToString) {
  const std::pair<double, const char*> cases[] = {
      {0.0, "0.0"},         {-0.0, "-0.0"},       {1.0, "1.0"},
      {0.5, "0.5"},         {1.0 / 3, "0.3333333333333333"},
      {0.001, "0.001"},     {0.0001, "1.0E-4"},   {1.5e-10, "1.5E-10"},
      {123.456, "123.456"}, {1234567.0, "1234567.0"}, {1e7, "1.0E7"},
      {1e21, "1.0E21"},     {-2.5, "-2.5"},       {100.0, "100.0"},
      {std::numeric_limits<double>::quiet_NaN(), "NaN"},
      {-std::numeric_limits<double>::infinity(), "-Infinity"},
  };
  for (const auto& [d, text] : cases) EXPECT_EQ(java_double_to_string(d), text) << d;
}

TEST(LivyJavaText, ParseIntLikeJava) {
  EXPECT_EQ(java_parse_int("42"), 42);
  EXPECT_EQ(java_parse_int("+7"), 7);
  EXPECT_EQ(java_parse_int("-2147483648"), INT32_MIN);
  EXPECT_EQ(java_parse_int("2147483647"), INT32_MAX);
  EXPECT_EQ(java_parse_int("2147483648"), std::nullopt);
  EXPECT_EQ(java_parse_int("-"), std::nullopt);
  EXPECT_EQ(java_parse_int(""), std::nullopt);
  EXPECT_EQ(java_parse_int("1.0"), std::nullopt);
  EXPECT_EQ(java_parse_int(" 1"), std::nullopt);
  EXPECT_EQ(java_parse_long("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(java_parse_long("9223372036854775808"), std::nullopt);
}

TEST(LivyJavaText, Utf16Lengths) {
  EXPECT_EQ(java_length("a\xC3\xA9\xF0\x9F\x98\x80"), 4u);  // a, é, and a surrogate pair
  EXPECT_EQ(java_prefix("ab\xF0\x9F\x98\x80" "c", 3), "ab");  // never splits the pair
  EXPECT_EQ(java_suffix("ab\xF0\x9F\x98\x80" "c", 3), "\xF0\x9F\x98\x80" "c");
  EXPECT_EQ(java_trim(" \t x \n"), "x");
}

}  // namespace
}  // namespace jobflow::frontend::livy
