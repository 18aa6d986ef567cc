// RequestBody URL-encoding (Transform.RequestBodyEncoding URL_ENCODED) for each ArrayFormat, as
// a table: (format, JSON object) -> form text. AWS's documented examples come first.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "frontend/integrations/form_url_encoder.h"

namespace jobflow::frontend {
namespace {

struct Case {
  ArrayFormat format;
  std::string body;
  std::string expected;
};

TEST(FormUrlEncoder, Table) {
  const std::vector<Case> cases = {
      // AWS: "Applying URL-encoding on request body", {"array": ["a","b","c","d"]} (brackets encoded).
      {ArrayFormat::kIndices, R"({"array":["a","b","c","d"]})", "array%5B0%5D=a&array%5B1%5D=b&array%5B2%5D=c&array%5B3%5D=d"},
      {ArrayFormat::kRepeat, R"({"array":["a","b","c","d"]})", "array=a&array=b&array=c&array=d"},
      {ArrayFormat::kCommas, R"({"array":["a","b","c","d"]})", "array=a,b,c,d"},
      {ArrayFormat::kBrackets, R"({"array":["a","b","c","d"]})", "array%5B%5D=a&array%5B%5D=b&array%5B%5D=c&array%5B%5D=d"},
      // AWS's example request body: spaces as %20, nested keys with encoded brackets.
      {ArrayFormat::kIndices, R"({"description":"Monthly subscription","metadata":{"order_details":"monthly report data"},"customer":"1234567890"})",
       "description=Monthly%20subscription&metadata%5Border_details%5D=monthly%20report%20data&customer=1234567890"},
      // Scalars: numbers and booleans as JSON text, null as an empty value.
      {ArrayFormat::kIndices, R"({"n":1,"x":1.5,"t":true,"f":false,"z":null})", "n=1&x=1.5&t=true&f=false&z="},
      // Reserved characters in keys and values; commas inside COMMAS values are encoded.
      {ArrayFormat::kIndices, R"({"a&b":"c=d/e?f","u":"é~-._"})", "a%26b=c%3Dd%2Fe%3Ff&u=%C3%A9~-._"},
      {ArrayFormat::kCommas, R"({"a":["x,y","z"]})", "a=x%2Cy,z"},
      // Empty containers write nothing.
      {ArrayFormat::kIndices, R"({"e":[],"o":{},"k":"v"})", "k=v"},
      {ArrayFormat::kIndices, R"({})", ""},
      // Nested arrays and objects inside arrays.
      {ArrayFormat::kIndices, R"({"a":[{"b":1},[2,3]]})", "a%5B0%5D%5Bb%5D=1&a%5B1%5D%5B0%5D=2&a%5B1%5D%5B1%5D=3"},
      {ArrayFormat::kBrackets, R"({"a":[{"b":1}]})", "a%5B%5D%5Bb%5D=1"},
      {ArrayFormat::kRepeat, R"({"a":[{"b":1},{"b":2}]})", "a%5Bb%5D=1&a%5Bb%5D=2"},
      // COMMAS cannot join objects: such an array is written as INDICES.
      {ArrayFormat::kCommas, R"({"a":[{"b":1},2]})", "a%5B0%5D%5Bb%5D=1&a%5B1%5D=2"},
      {ArrayFormat::kCommas, R"({"a":[1,null,true]})", "a=1,,true"},
  };
  for (const auto& c : cases) {
    const auto body = boost::json::parse(c.body);
    EXPECT_EQ(FormUrlEncoder(c.format).encode(body.as_object()), c.expected)
        << kArrayFormats.name(c.format) << " " << c.body;
  }
}

TEST(FormUrlEncoder, ArrayFormatNames) {
  for (const auto& [format, name] : kArrayFormats.entries()) EXPECT_EQ(kArrayFormats.parse(name), format);
  EXPECT_FALSE(kArrayFormats.parse("indices"));
}

}  // namespace
}  // namespace jobflow::frontend
