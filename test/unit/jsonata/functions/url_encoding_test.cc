// encodeURI / encodeURIComponent / decodeURI / decodeURIComponent (url_encoding.h). Expected
// values are what node 20 gives; nullopt is its URIError.

#include "jsonata/functions/url_encoding.h"

#include <gtest/gtest.h>

#include <optional>
#include <string_view>

namespace jobflow::jsonata {
namespace {

struct UrlCase {
  std::string_view text;
  UrlPart part;
  std::optional<std::string_view> expected;
};

class EncodeUrlTest : public ::testing::TestWithParam<UrlCase> {};
class DecodeUrlTest : public ::testing::TestWithParam<UrlCase> {};

TEST_P(EncodeUrlTest, EncodesLikeJavaScript) {
  const UrlCase& c = GetParam();
  const auto actual = encode_url(c.text, c.part);
  ASSERT_EQ(actual.has_value(), c.expected.has_value()) << c.text;
  if (c.expected) {
    EXPECT_EQ(*actual, *c.expected);
  }
}

TEST_P(DecodeUrlTest, DecodesLikeJavaScript) {
  const UrlCase& c = GetParam();
  const auto actual = decode_url(c.text, c.part);
  ASSERT_EQ(actual.has_value(), c.expected.has_value()) << c.text;
  if (c.expected) {
    EXPECT_EQ(*actual, *c.expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EncodeUrlTest,
    ::testing::Values(
        UrlCase{"\xC3\xA9 ;/?:@&=+$,#-_.!~*()'[]", UrlPart::kWhole, "%C3%A9%20;/?:@&=+$,#-_.!~*()'%5B%5D"},
        UrlCase{"\xC3\xA9 ;/?:@&=+$,#-_.!~*()'[]", UrlPart::kComponent,
                "%C3%A9%20%3B%2F%3F%3A%40%26%3D%2B%24%2C%23-_.!~*()'%5B%5D"},
        UrlCase{"?x=test", UrlPart::kComponent, "%3Fx%3Dtest"},
        UrlCase{"\xF0\x9F\x98\x80", UrlPart::kComponent, "%F0%9F%98%80"},  // U+1F600
        UrlCase{"", UrlPart::kWhole, ""},
        UrlCase{"\xED\xA0\x80", UrlPart::kWhole, std::nullopt},             // lone U+D800
        UrlCase{"a\xED\xB0\x80", UrlPart::kComponent, std::nullopt}));      // lone U+DC00

INSTANTIATE_TEST_SUITE_P(
    Cases, DecodeUrlTest,
    ::testing::Values(
        UrlCase{"%3B%2f%41%25%23", UrlPart::kWhole, "%3B%2fA%%23"},
        UrlCase{"%3B%2f%41%25%23", UrlPart::kComponent, ";/A%#"},
        UrlCase{"%C3%A9", UrlPart::kWhole, "\xC3\xA9"},
        UrlCase{"%f0%9f%98%80", UrlPart::kComponent, "\xF0\x9F\x98\x80"},
        UrlCase{"%2B%2b", UrlPart::kWhole, "%2B%2b"},
        UrlCase{"%C3", UrlPart::kWhole, std::nullopt},
        UrlCase{"%E0%A4%A", UrlPart::kComponent, std::nullopt},
        UrlCase{"%ED%A0%80", UrlPart::kWhole, std::nullopt},     // a surrogate
        UrlCase{"%F4%90%80%80", UrlPart::kWhole, std::nullopt},  // beyond U+10FFFF
        UrlCase{"%C0%80", UrlPart::kWhole, std::nullopt},        // overlong
        UrlCase{"%E0%80%80", UrlPart::kWhole, std::nullopt},     // overlong
        UrlCase{"%FF", UrlPart::kWhole, std::nullopt},
        UrlCase{"%80", UrlPart::kWhole, std::nullopt},
        UrlCase{"%C3%28", UrlPart::kComponent, std::nullopt},
        UrlCase{"abc%", UrlPart::kComponent, std::nullopt},
        UrlCase{"%zz", UrlPart::kComponent, std::nullopt}));

}  // namespace
}  // namespace jobflow::jsonata
