// The JavaScript → Boost.Regex pattern rewriting (js_regex_translator.h): what JavaScript's
// dialect means that Boost's Perl syntax would read otherwise, and what JavaScript refuses.

#include "jsonata/functions/js_regex_translator.h"

#include <gtest/gtest.h>

#include <string_view>

namespace jobflow::jsonata {
namespace {

struct TranslationCase {
  std::string_view pattern;
  std::string_view flags;
  std::wstring_view expected;  // empty: refused (S0303)
};

class JsRegexTranslatorTest : public ::testing::TestWithParam<TranslationCase> {};

TEST_P(JsRegexTranslatorTest, Translates) {
  const TranslationCase& c = GetParam();
  const auto translated = translate_js_regex(c.pattern, c.flags);
  if (c.expected.empty()) {
    ASSERT_FALSE(translated.has_value()) << c.pattern;
    EXPECT_EQ(translated.error().code, "S0303");
    return;
  }
  ASSERT_TRUE(translated.has_value()) << c.pattern << ": " << translated.error().message;
  EXPECT_EQ(translated->pattern, c.expected) << c.pattern;
  EXPECT_EQ(translated->ignore_case, c.flags.find('i') != std::string_view::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JsRegexTranslatorTest,
    ::testing::Values(
        TranslationCase{"ab+c", "", L"ab+c"},
        TranslationCase{"a.b", "", L"a[^\\n\\r\\x{2028}\\x{2029}]b"},
        TranslationCase{"^a$", "", L"\\Aa\\z"},
        TranslationCase{"^a$", "m", L"(?<![^\\n\\r\\x{2028}\\x{2029}])a(?![^\\n\\r\\x{2028}\\x{2029}])"},
        TranslationCase{"\\d\\w", "", L"[0-9][A-Za-z0-9_]"},
        TranslationCase{"[\\d\\w-]", "", L"[0-9A-Za-z0-9_-]"},
        TranslationCase{"\\D", "", L"[^0-9]"},
        TranslationCase{"[\\D]", "", L"[\\D]"},
        TranslationCase{"\\u00e9\\x41\\v", "", L"\\x{E9}\\x{41}\\x{B}"},
        TranslationCase{"\\u12\\xZ", "", L"u12xZ"},  // Annex B: not escapes, the letters
        TranslationCase{"\\cJ\\c1", "", L"\\x{A}\\\\c1"},
        TranslationCase{"[\\b]\\b", "", L"[\\x{8}]\\b"},
        TranslationCase{"(a)\\1\\2", "", L"(a)(?(1)\\g{1}|)\\x{2}"},
        TranslationCase{"\\8\\0", "", L"8\\x{0}"},
        TranslationCase{"[^][]", "", L"[\\s\\S](?!)"},
        TranslationCase{"a{2}b{,}]}", "", L"a{2}b\\{,\\}\\]\\}"},
        TranslationCase{"[[:a:]]", "", L"[\\[:a:]\\]"},
        TranslationCase{"(?<n>a)\\k<n>", "", L"(?<n>a)(?(<n>)\\k<n>|)"},
        TranslationCase{"\\k", "", L"k"},
        TranslationCase{"(?:a)(?=b)(?!c)(?<=d)(?<!e)", "", L"(?:a)(?=b)(?!c)(?<=d)(?<!e)"},
        TranslationCase{"\\q\\/", "", L"q\\/"},
        TranslationCase{"\xCF\x83", "i", L"[\\x{3A3}\\x{3C2}\\x{3C3}]"},  // σ: Σ ς σ
        TranslationCase{"\xC3\xA9", "", L"\\x{E9}"},
        TranslationCase{"(?i)a", "", L""},
        TranslationCase{"(?>a)", "", L""},
        TranslationCase{"(?<1a>x)", "", L""},
        TranslationCase{"(?<n>a)(?<n>b)", "", L""},
        TranslationCase{"[a", "", L""},
        TranslationCase{"a\\", "", L""}));

}  // namespace
}  // namespace jobflow::jsonata
