// The string functions and regular expressions end to end, on what the conformance cases do not
// reach: JavaScript's regex dialect over UTF-16 (indexes, line terminators, case folding,
// Annex B escapes), regexes applied as functions, the matcher protocol's errors, Unicode case
// mapping and code-point counting. Expected values are what jsonata-js 2.2.2 gives under node 20
// (S0303 where node throws its SyntaxError for a pattern).

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string_view>

#include "jsonata/api/expression.h"
#include "jsonata/value/json_output.h"

namespace jobflow::jsonata {
namespace {

struct StringCase {
  std::string_view expression;
  std::string_view result;  // JSON, "undefined", or "" when an error is expected
  std::string_view code;    // the error's code
};

class StringFunctionsTest : public ::testing::TestWithParam<StringCase> {};

TEST_P(StringFunctionsTest, BehavesLikeTheReference) {
  const StringCase& c = GetParam();
  auto expression = Expression::compile(c.expression);
  ASSERT_TRUE(expression.has_value()) << c.expression << ": " << expression.error().message;
  auto result = expression->evaluate(Value());
  if (!c.code.empty()) {
    ASSERT_FALSE(result.has_value()) << c.expression;
    EXPECT_EQ(result.error().code, c.code) << c.expression << ": " << result.error().message;
    return;
  }
  ASSERT_TRUE(result.has_value()) << c.expression << ": " << result.error().message;
  const auto json = to_json(*result);
  if (c.result == "undefined") {
    EXPECT_FALSE(json.has_value()) << c.expression;
    return;
  }
  ASSERT_TRUE(json.has_value()) << c.expression;
  EXPECT_EQ(*json, boost::json::parse(c.result)) << c.expression << " gave " << boost::json::serialize(*json);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StringFunctionsTest,
    ::testing::Values(
        StringCase{"$match(\"abcd\", /(ab)|(a)/)", "{\"match\":\"ab\",\"index\":0,\"groups\":[\"ab\",null]}", ""},
        StringCase{"/a(b)/(\"xab\").groups", "[\"b\"]", ""},
        StringCase{"/a(b)/(\"xabab\").next().start", "3", ""},
        StringCase{"/a(b)/(\"xabab\", 2).start", "3", ""},
        StringCase{"/a*/(\"bbb\").next()", "", "D1004"},
        StringCase{"/a*/(\"\").end", "0", ""},
        StringCase{"$match(\"\xF0\x9D\x84\x9E" "a\", /a/)", "{\"match\":\"a\",\"index\":2,\"groups\":[]}", ""},
        StringCase{"$split(\"a,b,c\", /,/, 2.5)", "[\"a\",\"b\",\"c\"]", ""},
        StringCase{"$split(\"abc\", /x*/)", "", "D1004"},
        StringCase{"$replace(\"abc\", /x*/, \"-\")", "", "D1004"},
        StringCase{"$contains(\"a\\nb\", /^b/m)", "true", ""},
        StringCase{"$contains(\"a\\nb\", /^b/)", "false", ""},
        StringCase{"$contains(\"a\\nb\", /a$/)", "false", ""},
        StringCase{"$contains(\"a\\nb\", /a$/m)", "true", ""},
        StringCase{"$contains(\"a\\nb\", /a.b/)", "false", ""},
        StringCase{"$contains(\"a\\u2028b\", /a.b/)", "false", ""},
        StringCase{"$contains(\"\xC3\x89\", /\xC3\xA9/i)", "true", ""},
        StringCase{"$match(\"a\\u00a0b\", /\\s/).index", "1", ""},
        StringCase{"$match(\"caf\xC3\xA9\", /\\w+/).match", "\"caf\"", ""},
        StringCase{"$match(\"aa\", /a{2}/).match", "\"aa\"", ""},
        StringCase{"$match(\"tab\\there\", /\\u0009/).index", "3", ""},
        StringCase{"$match(\"abc\", /[^]/).match", "[\"a\",\"b\",\"c\"]", ""},
        StringCase{"$match(\"abc\", /a[]/)", "undefined", ""},
        StringCase{"$match(\"a\\u0008b\", /[\\b]/).index", "1", ""},
        StringCase{"$match(\"abcabc\", /(?<=a)b/).index", "[1,4]", ""},
        StringCase{"$match(\"8\", /\\8/).match", "\"8\"", ""},
        StringCase{"$match(\"ab\", /(a)|\\1b/)",
                   "[{\"match\":\"a\",\"index\":0,\"groups\":[\"a\"]},{\"match\":\"b\",\"index\":1,\"groups\":[null]}]", ""},
        StringCase{"$match(\"A\", /\\101/).match", "\"A\"", ""},
        StringCase{"$match(\"ab\", /(?<x>a)\\k<x>?b/).match", "\"ab\"", ""},
        StringCase{"$replace(\"\xCF\x83\xCF\x82\", /\xCE\xA3/i, \"x\")", "\"xx\"", ""},
        StringCase{"$replace(\"\xC5\xBF\", /s/i, \"x\")", "\"\xC5\xBF\"", ""},
        StringCase{"$replace(\"K\", /k/i, \"x\")", "\"x\"", ""},
        StringCase{"$match(\"\xF0\x9F\x98\x80x\", /x/).index", "2", ""},
        StringCase{"$match(\"a\\r\\nb\", /^b/m).index", "3", ""},
        StringCase{"$match(\"x\\u0085y\", /^y/m)", "undefined", ""},
        StringCase{"$map([\"ab\",\"cb\",\"bb\"], /b/).start", "[1,1]", ""},
        StringCase{"($r := /a(.)/; $r(\"xaby\").groups)", "[\"b\"]", ""},
        StringCase{"$split('some text', $uppercase)", "", "T1010"},
        StringCase{"$replace(\"abc\", /b/, function($m){ 1 })", "", "D3012"},
        StringCase{"$replace(\"abc\", /b/, function($m){$m.start & \"-\" & $m.end})", "\"a1-2c\"", ""},
        StringCase{"$match(\"a\", /(?i)a/)", "", "S0303"},
        StringCase{"$match(\"a\", /(?<n>a)(?<n>b)/)", "", "S0303"},
        StringCase{"$uppercase(\"stra\xC3\x9F" "e \xC7\x86 \xEF\xAC\x80 \xC5\x89\")", "\"STRASSE \xC7\x84 FF \xCA\xBCN\"", ""},
        StringCase{"$lowercase(\"\xCE\x91\xCE\xA3 \xCE\xA3\xCE\x91 \xC4\xB0 \xCE\xA3\xCE\x91\xCE\xA3. \xCE\xA3 A\xCE\xA3'B\")",
                   "\"\xCE\xB1\xCF\x82 \xCF\x83\xCE\xB1 i\xCC\x87 \xCF\x83\xCE\xB1\xCF\x82. \xCF\x83 a\xCF\x83'b\"", ""},
        StringCase{"$substring(\"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\", 1, 1)", "\"\xF0\x9F\x98\x80\"", ""},
        StringCase{"$substring(\"hello\", 1.7, 2.2)", "\"el\"", ""},
        StringCase{"$pad(\"\xF0\x9F\x98\x80\", 3, \"\xC3\xA9\")", "\"\xF0\x9F\x98\x80\xC3\xA9\xC3\xA9\"", ""},
        StringCase{"$decodeUrl(\"%2B%2b\")", "\"%2B%2b\"", ""},
        StringCase{"$encodeUrl(\"\\uDC00\")", "", "D3140"}));

}  // namespace
}  // namespace jobflow::jsonata
