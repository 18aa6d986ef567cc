// $base64encode / $base64decode (base64_encoding.h): Node's Buffer through latin1 strings.
// Expected values are what node 20 gives.

#include "jsonata/functions/base64_encoding.h"

#include <gtest/gtest.h>

#include <string_view>

namespace jobflow::jsonata {
namespace {

struct Base64Case {
  std::string_view input;
  std::string_view expected;
};

class Base64EncodeTest : public ::testing::TestWithParam<Base64Case> {};
class Base64DecodeTest : public ::testing::TestWithParam<Base64Case> {};

TEST_P(Base64EncodeTest, EncodesLikeNode) { EXPECT_EQ(base64_encode_latin1(GetParam().input), GetParam().expected); }
TEST_P(Base64DecodeTest, DecodesLikeNode) { EXPECT_EQ(base64_decode_latin1(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(Cases, Base64EncodeTest,
                         ::testing::Values(Base64Case{"hello:world", "aGVsbG86d29ybGQ="}, Base64Case{"", ""},
                                           Base64Case{"ab", "YWI="},
                                           Base64Case{"\xC3\xA9\xE2\x82\xAC", "6aw="},   // é€: low bytes E9 AC
                                           Base64Case{"\xF0\x9F\x98\x80", "PQA="}));      // U+1F600: D83D DE00

INSTANTIATE_TEST_SUITE_P(Cases, Base64DecodeTest,
                         ::testing::Values(Base64Case{"aGVsbG86d29ybGQ=", "hello:world"},
                                           Base64Case{"w6k=", "\xC3\x83\xC2\xA9"},  // bytes C3 A9 as latin1
                                           Base64Case{"aGVs bG8=", "hello"}, Base64Case{"aGVs*bG8", "hello"},
                                           Base64Case{"aGVsbG8=QUJD", "hello"}, Base64Case{"aG=Vs", "h"},
                                           Base64Case{"YW==YQ", "a"}, Base64Case{"aGVsbA", "hell"},
                                           Base64Case{"Y", ""},
                                           Base64Case{"aGVsbG8-_w", "hello>\xC3\xBF"}));  // url-safe alphabet

}  // namespace
}  // namespace jobflow::jsonata
