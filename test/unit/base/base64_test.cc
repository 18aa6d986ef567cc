#include "base/base64.h"

#include <gtest/gtest.h>

namespace jobflow {
namespace {

TEST(Base64, EncodesWithPadding) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode(std::string("\xff\xfe", 2)), "//4=");
}

TEST(Base64, DecodesAsJavasBasicDecoder) {
  EXPECT_EQ(base64_decode("Zm8="), "fo");
  EXPECT_EQ(base64_decode("Zm8"), "fo");  // padding is optional
  EXPECT_EQ(base64_decode("Zm9v"), "foo");
  for (const char* bad : {"Zm8*", "Z", "Zm8==", "Zm=8", "Zg=", "Zm 8", "===="})
    EXPECT_FALSE(base64_decode(bad).has_value()) << bad;
}

}  // namespace
}  // namespace jobflow
