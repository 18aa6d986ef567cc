#include "http/request.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "http/percent_decode.h"
#include "http/request_id.h"

namespace jobflow::http {
namespace {

TEST(RequestTest, HeaderLookupIsCaseInsensitive) {
  Request r;
  r.headers = {{"content-type", "application/json"}, {"x-amz-target", "AWSStepFunctions.ListActivities"}};
  EXPECT_EQ(r.header("x-amz-target"), "AWSStepFunctions.ListActivities");
  EXPECT_EQ(r.header("X-Amz-Target"), "AWSStepFunctions.ListActivities");
  EXPECT_EQ(r.header("CONTENT-TYPE"), "application/json");
  EXPECT_FALSE(r.header("x-amz-date").has_value());
}

TEST(RequestTest, QueryParamDecodesPercentAndPlus) {
  Request r;
  r.query = "from=10&size=5&name=a%20b+c&empty=&flag&enc%5Bkey%5D=v%26w&from=99";
  EXPECT_EQ(r.query_param("from"), "10");  // the first value wins
  EXPECT_EQ(r.query_param("size"), "5");
  EXPECT_EQ(r.query_param("name"), "a b c");
  EXPECT_EQ(r.query_param("empty"), "");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_EQ(r.query_param("enc[key]"), "v&w");
  EXPECT_FALSE(r.query_param("missing").has_value());
  EXPECT_FALSE(r.query_param("fro").has_value());
}

TEST(RequestTest, QueryParamOnEmptyQuery) {
  Request r;
  EXPECT_FALSE(r.query_param("a").has_value());
  r.query = "&&";
  EXPECT_FALSE(r.query_param("a").has_value());
}

TEST(RequestTest, PercentDecode) {
  EXPECT_EQ(percent_decode("a%2Fb%3a"), "a/b:");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(percent_decode("%e2%82%ac"), "\xe2\x82\xac");
}

TEST(RequestTest, RequestIdsAreUuidShapedAndUnique) {
  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = make_request_id();
    EXPECT_TRUE(std::regex_match(id, uuid)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace jobflow::http
