// JavaScript's toUpperCase / toLowerCase (unicode_case.h). Expected values are what node 20
// gives.

#include "jsonata/functions/unicode_case.h"

#include <gtest/gtest.h>

#include <string_view>

namespace jobflow::jsonata {
namespace {

struct CaseMapping {
  std::string_view input;
  std::string_view upper;
  std::string_view lower;
};

class UnicodeCaseTest : public ::testing::TestWithParam<CaseMapping> {};

TEST_P(UnicodeCaseTest, MapsLikeJavaScript) {
  EXPECT_EQ(to_upper_case(GetParam().input), GetParam().upper);
  EXPECT_EQ(to_lower_case(GetParam().input), GetParam().lower);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, UnicodeCaseTest,
    ::testing::Values(CaseMapping{"Hello World", "HELLO WORLD", "hello world"},
                      CaseMapping{"stra\xC3\x9F" "e", "STRASSE", "stra\xC3\x9F" "e"},            // ß
                      CaseMapping{"\xC7\x85", "\xC7\x84", "\xC7\x86"},                            // ǅ
                      CaseMapping{"\xC4\xB0", "\xC4\xB0", "i\xCC\x87"},                           // İ
                      CaseMapping{"\xCE\x91\xCE\xA3", "\xCE\x91\xCE\xA3", "\xCE\xB1\xCF\x82"},     // ΑΣ: final sigma
                      CaseMapping{"\xCE\xA3", "\xCE\xA3", "\xCF\x83"},                            // Σ alone
                      CaseMapping{"\xCE\xA3\xCE\x91", "\xCE\xA3\xCE\x91", "\xCF\x83\xCE\xB1"},     // ΣΑ
                      CaseMapping{"A\xCE\xA3'B", "A\xCE\xA3'B", "a\xCF\x83'b"},                   // not final
                      CaseMapping{"\xF0\x90\x90\x80", "\xF0\x90\x90\x80", "\xF0\x90\x90\xA8"},     // Deseret
                      CaseMapping{"\xEF\xAC\x80", "FF", "\xEF\xAC\x80"},                          // ﬀ
                      CaseMapping{"\xED\xA0\x80", "\xED\xA0\x80", "\xED\xA0\x80"}));              // lone surrogate

}  // namespace
}  // namespace jobflow::jsonata
