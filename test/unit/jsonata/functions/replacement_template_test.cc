// $replace's replacement strings (replacement_template.h). Expected values are what jsonata-js
// 2.2.2 gives for $replace(subject, regex, replacement) under node.

#include "jsonata/functions/replacement_template.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace jobflow::jsonata {
namespace {

struct TemplateCase {
  std::string_view replacement;
  std::string_view match;
  std::vector<std::optional<std::string>> groups;
  std::string_view expected;
};

class ReplacementTemplateTest : public ::testing::TestWithParam<TemplateCase> {};

TEST_P(ReplacementTemplateTest, ExpandsLikeTheReference) {
  const TemplateCase& c = GetParam();
  EXPECT_EQ(expand_replacement(c.replacement, c.match, c.groups), c.expected) << c.replacement;
}

std::vector<std::optional<std::string>> letters(int n) {
  std::vector<std::optional<std::string>> groups;
  for (int i = 0; i < n; ++i) groups.emplace_back(std::string(1, static_cast<char>('a' + i)));
  return groups;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReplacementTemplateTest,
    ::testing::Values(
        TemplateCase{"$2, $1", "John Smith", {"John", "Smith"}, "Smith, John"},
        TemplateCase{"$$$1", "265USD", {"265"}, "$265"},
        TemplateCase{"$w", "265USD", {"265"}, "$w"},
        TemplateCase{"$0 -> $$$1", "265USD", {"265"}, "265USD -> $265"},
        TemplateCase{"$0$1$2", "265USD", {"265"}, "265USD265"},
        TemplateCase{"[1=$1][2=$2]", "ab", {"ab", std::nullopt}, "[1=ab][2=]"},
        TemplateCase{"$8$5$12$12$18$123", "abcdefghijklm", letters(13), "hella8l3"},
        TemplateCase{"$8$5$12$12$18$123", "ijk", {}, "22823"},  // no groups: $ and one digit vanish
        TemplateCase{"$8$5$12$12$18$123", "ijk", {"ijk"}, "ijk2ijk2ijk8ijk23"},
        TemplateCase{"$x$", "ijk", {"ijk"}, "$x$"},
        TemplateCase{"$", "b", {}, "$"},
        TemplateCase{"$-1x$ 1", "b", {"b"}, "$-1x$ 1"},
        TemplateCase{"[$01][$00][$10]", "b", {"b"}, "[b1][b0][b0]"},
        TemplateCase{"$11|$12|$1a|$0", "abcdefghijk", letters(11), "k|a2|aa|abcdefghijk"},
        TemplateCase{"$1$", "x", {"x"}, "x$"},
        TemplateCase{"$$1", "-", {"-"}, "$1"}));

}  // namespace
}  // namespace jobflow::jsonata
