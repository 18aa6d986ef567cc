#include "base/json_writer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace jobflow {
namespace {

TEST(JsonWriter, WritesValidJsonThatParsesBack) {
  JsonWriter w;
  w.begin_object();
  w.key("s").string("quote\" backslash\\ newline\n tab\t bell\x07 é");
  w.key("n").number(std::int64_t{-42});
  w.key("d").number(1.5);
  w.key("b").boolean(false);
  w.key("empty").begin_object().end_object();
  w.key("list").begin_array().string("a").begin_object().key("k").number(std::int64_t{1}).end_object().begin_array().end_array().end_array();
  w.key("t1").epoch_seconds(1'700'000'000'000);
  w.key("t2").epoch_seconds(1'700'000'000'123);
  w.end_object();
  const auto v = boost::json::parse(w.str()).as_object();
  EXPECT_EQ(v.at("s").as_string(), "quote\" backslash\\ newline\n tab\t bell\x07 é");
  EXPECT_EQ(v.at("n").as_int64(), -42);
  EXPECT_EQ(v.at("d").as_double(), 1.5);
  EXPECT_FALSE(v.at("b").as_bool());
  EXPECT_TRUE(v.at("empty").as_object().empty());
  EXPECT_EQ(v.at("list").as_array().size(), 3u);
  EXPECT_EQ(v.at("t1").as_int64(), 1'700'000'000);
  EXPECT_DOUBLE_EQ(v.at("t2").as_double(), 1'700'000'000.123);
  EXPECT_NE(w.str().find("1700000000.123"), std::string::npos);  // not 1.700000000123E9
}

}  // namespace
}  // namespace jobflow
