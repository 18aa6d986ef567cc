#include "http/url.h"

#include <gtest/gtest.h>

namespace jobflow::http {
namespace {

TEST(UrlTest, ParsesFullUrl) {
  const auto u = Url::parse("http://127.0.0.1:8998/batches/1/log?from=0&size=10");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8998);
  EXPECT_EQ(u->target, "/batches/1/log?from=0&size=10");
  EXPECT_EQ(u->authority(), "127.0.0.1:8998");
  EXPECT_EQ(u->to_string(), "http://127.0.0.1:8998/batches/1/log?from=0&size=10");
}

TEST(UrlTest, DefaultsAndShortForms) {
  auto u = Url::parse("HTTP://example.com");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->port, 80);
  EXPECT_EQ(u->target, "/");
  EXPECT_EQ(u->authority(), "example.com");

  u = Url::parse("localhost:8998/sessions");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "localhost");
  EXPECT_EQ(u->port, 8998);
  EXPECT_EQ(u->target, "/sessions");

  u = Url::parse("http://h:1?x=1#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->target, "/?x=1");
}

TEST(UrlTest, Ipv6) {
  const auto u = Url::parse("http://[::1]:8080/x");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->authority(), "[::1]:8080");
}

TEST(UrlTest, RejectsBadUrls) {
  for (const char* bad : {"https://h/x", "ftp://h/x", "http://:80/x", "http://h:0/", "http://h:99999/",
                          "http://h:8a/", "http://[::1/", "http://u@h/", ""}) {
    const auto u = Url::parse(bad);
    ASSERT_FALSE(u) << bad;
    EXPECT_EQ(u.error().code, ErrorCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace jobflow::http
