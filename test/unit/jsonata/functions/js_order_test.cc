// js_string_less (JavaScript's string `<`, UTF-16 code unit order) and js_truthy.
#include <gtest/gtest.h>

#include <limits>
#include <memory>
#include <string>

#include "jsonata/functions/js_order.h"
#include "jsonata/value/array_data.h"
#include "jsonata/value/object_data.h"

namespace jobflow::jsonata {
namespace {

struct LessCase {
  std::string a, b;
  bool less;
};

class JsStringLessTest : public testing::TestWithParam<LessCase> {};

TEST_P(JsStringLessTest, OrdersByUtf16CodeUnits) {
  const auto& c = GetParam();
  EXPECT_EQ(js_string_less(c.a, c.b), c.less) << c.a << " < " << c.b;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JsStringLessTest,
    testing::Values(LessCase{"a", "b", true}, LessCase{"b", "a", false}, LessCase{"a", "a", false},
                    LessCase{"", "a", true}, LessCase{"a", "", false}, LessCase{"ab", "abc", true},
                    LessCase{"B", "a", true},                       // upper case before lower case
                    LessCase{"z", "\u00e9", true},                  // é (U+00E9) after ASCII
                    LessCase{"\u00e9", "\u0101", true},             // two-byte characters by code point
                    LessCase{"\U0001F600", "\uFB01", true},         // a surrogate pair sorts before U+FB01 ...
                    LessCase{"\uFB01", "\U0001F600", false},        // ... though its code point is higher
                    LessCase{"\uD7FF", "\U0001F600", true},         // below the surrogates: code point order
                    LessCase{"x\U0001F600", "x\U0001F601", true}));  // two pairs by code point

struct TruthyCase {
  const char* name;
  Value value;
  bool truthy;
};

class JsTruthyTest : public testing::TestWithParam<TruthyCase> {};

TEST_P(JsTruthyTest, FollowsJavaScript) { EXPECT_EQ(js_truthy(GetParam().value), GetParam().truthy) << GetParam().name; }

INSTANTIATE_TEST_SUITE_P(
    Cases, JsTruthyTest,
    testing::Values(TruthyCase{"undefined", Value(), false}, TruthyCase{"null", Value::null(), false},
                    TruthyCase{"false", Value::boolean(false), false}, TruthyCase{"true", Value::boolean(true), true},
                    TruthyCase{"zero", Value::number(0), false}, TruthyCase{"minus one", Value::number(-1), true},
                    TruthyCase{"NaN", Value::number(std::numeric_limits<double>::quiet_NaN()), false},
                    TruthyCase{"empty string", Value::string(""), false},
                    TruthyCase{"string", Value::string("0"), true},
                    TruthyCase{"empty array", Value::array(std::make_shared<ArrayData>()), true},
                    TruthyCase{"empty object", Value::object(std::make_shared<ObjectData>()), true}));

}  // namespace
}  // namespace jobflow::jsonata
