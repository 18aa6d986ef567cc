#include "asl/path/json_path.h"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "asl/value/json.h"

namespace jobflow::asl {
namespace {

JsonPtr json(std::string_view text) {
  JsonPtr value = parse_json(text);
  EXPECT_TRUE(value) << "bad test JSON: " << text;
  return value ? value : json_null();
}

// One evaluation case: a path, an input, and either the expected JSON result or the expected
// miss text (Jayway's PathNotFoundException message).
struct FindCase {
  std::string path;
  std::string input;
  std::string expected;  // JSON text, when `miss` is empty
  std::string miss = {};
};

std::ostream& operator<<(std::ostream& os, const FindCase& c) {
  return os << c.path << " on " << c.input;
}

class JsonPathFind : public testing::TestWithParam<FindCase> {};

TEST_P(JsonPathFind, Evaluates) {
  const FindCase& c = GetParam();
  auto path = JsonPath::parse(c.path, "value.$", "/States/S/Parameters");
  ASSERT_TRUE(path) << path.error().to_string();
  Scope scope{.input = json(c.input)};
  auto found = path->find(scope);
  if (!c.miss.empty()) {
    ASSERT_FALSE(found) << "unexpected result " << to_text(**found);
    EXPECT_EQ(found.error(), c.miss);
    return;
  }
  ASSERT_TRUE(found) << found.error();
  EXPECT_EQ(to_text(**found), to_text(*json(c.expected)));
}

const char* const kStore =
    R"({"store":{"book":[)"
    R"({"category":"reference","author":"Nigel Rees","title":"Sayings","price":8.95},)"
    R"({"category":"fiction","author":"Evelyn Waugh","title":"Sword","price":12.99},)"
    R"({"category":"fiction","author":"Herman Melville","title":"Moby Dick","isbn":"0-553","price":8.99},)"
    R"({"category":"fiction","author":"J. R. R. Tolkien","title":"LOTR","isbn":"0-395","price":22.99}],)"
    R"("bicycle":{"color":"red","price":19.95}},"expensive":10})";

INSTANTIATE_TEST_SUITE_P(
    Definite, JsonPathFind,
    testing::Values(
        FindCase{"$", R"({"a":1})", R"({"a":1})"},
        FindCase{"$.a", R"({"a":1})", "1"},
        FindCase{"$.a.b", R"({"a":{"b":[1,2]}})", "[1,2]"},
        FindCase{"$['a']['b']", R"({"a":{"b":"x"}})", R"("x")"},
        FindCase{"$[\"a\"]", R"({"a":true})", "true"},
        FindCase{"$.a-b['c d']", R"({"a-b":{"c d":3}})", "3"},
        FindCase{"$.a", R"({"a":null})", "null"},
        FindCase{"$.items[0]", R"({"items":[{"k":0},{"k":1}]})", R"({"k":0})"},
        FindCase{"$.items[-1]", R"({"items":[{"k":0},{"k":1}]})", R"({"k":1})"},
        FindCase{"$.items[1].k", R"({"items":[{"k":0},{"k":1}]})", "1"},
        FindCase{"$[0]", "[5,6]", "5"},
        FindCase{"$['a','b']", R"({"a":1,"b":2,"c":3})", R"({"a":1,"b":2})"},
        FindCase{"$['a','zz']", R"({"a":1,"b":2})", R"({"a":1})"},
        FindCase{"$.a.length()", R"({"a":[1,2,3]})", "3"},
        FindCase{"  $.a  ", R"({"a":1})", "1"},
        // Recorded on AWS (scenarios/test_escape_sequence_parsing_ESCAPE_SEQUENCES_JSONPATH):
        // in a quoted name only the quote in use and the backslash are escaped.
        FindCase{R"($['Test\""Name"'])", R"({"Test\\\"\"Name\"":"v"})", R"("v")"},
        FindCase{R"($['it\'s'])", R"({"it's":1})", "1"},
        // Misses, with Jayway's texts (recorded: sfn.md §5.1).
        FindCase{"$.NoSuchInputPath", "{}", "", "No results for path: $['NoSuchInputPath']"},
        FindCase{"$.a.no", R"({"a":{}})", "", "No results for path: $['a']['no']"},
        FindCase{"$.a.no.x", R"({"a":{}})", "", "Missing property in path $['a']['no']"},
        FindCase{"$.no.x.y", "{}", "", "Missing property in path $['no']"},
        FindCase{"$.items[10]", R"({"items":[1]})", "", "No results for path: $['items'][10]"},
        FindCase{"$.items[10].k", R"({"items":[1]})", "",
                 "No results for path: $['items'][10]['k']"},
        FindCase{"$.a[0]", R"({"a":null})", "", "The path $['a'] is null"},
        FindCase{"$.a[0]", R"({"a":{"b":1}})", "",
                 "Filter: [0] can only be applied to arrays. Current context is: {b=1}"},
        FindCase{"$.a.b", R"({"a":"s"})", "",
                 "Expected to find an object with property ['b'] in path $['a'] but found "
                 "'java.lang.String'. This is not a json object according to the JsonProvider: "
                 "'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."},
        FindCase{"$.a", "[1]", "",
                 "Expected to find an object with property ['a'] in path $ but found "
                 "'java.util.ArrayList'. This is not a json object according to the "
                 "JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."}));

INSTANTIATE_TEST_SUITE_P(
    Indefinite, JsonPathFind,
    testing::Values(
        // Recorded on AWS: base/test_json_path_array_wildcard_or_slice_with_no_input_*.
        FindCase{"$.items[*]", "{}", "[]"}, FindCase{"$.item.items[*]", "{}", "[]"},
        FindCase{"$.items[:1]", "{}", "[]"}, FindCase{"$.items[1:]", "{}", "[]"},
        FindCase{"$.item.items[1:5]", "{}", "[]"},
        FindCase{"$.item.items[1:5].itemValue", "{}", "[]"},
        FindCase{"$.items[*].itemValue", "{}", "[]"}, FindCase{"$[*]", "{}", "[]"},
        // Recorded on AWS: base/test_state_pass_regex_json_path_base.
        FindCase{"$.users[?(@.status == 0)]",
                 R"({"users":[{"year":1997,"status":0},{"year":1998,"status":1}]})",
                 R"([{"year":1997,"status":0}])"},
        FindCase{"$[*]", R"({"a":1,"b":[2]})", "[1,[2]]"},
        FindCase{"$.a.*", R"({"a":{"x":1,"y":null}})", "[1,null]"},
        FindCase{"$.a[*].b", R"({"a":[{"b":1},{"c":2},{"b":3}]})", "[1,3]"},
        FindCase{"$.a[0,2]", R"({"a":[10,11,12]})", "[10,12]"},
        FindCase{"$.a[0,9]", R"({"a":[10,11,12]})", "[10]"},
        FindCase{"$.a[1:]", R"({"a":[10,11,12]})", "[11,12]"},
        FindCase{"$.a[-2:]", R"({"a":[10,11,12]})", "[11,12]"},
        FindCase{"$.a[:2]", R"({"a":[10,11,12]})", "[10,11]"},
        FindCase{"$.a[:-1]", R"({"a":[10,11,12]})", "[10,11]"},
        FindCase{"$.a[0:2]", R"({"a":[10,11,12]})", "[10,11]"},
        FindCase{"$.a[1:9]", R"({"a":[10,11,12]})", "[11,12]"},
        FindCase{"$.a[2:1]", R"({"a":[10,11,12]})", "[]"},
        FindCase{"$['a','b'].x", R"({"a":{"x":1},"b":{"x":2}})", "[1,2]"},
        FindCase{"$..author", kStore,
                 R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])"},
        FindCase{"$.store..price", kStore, "[8.95,12.99,8.99,22.99,19.95]"},
        FindCase{"$..book[2].title", kStore, R"(["Moby Dick"])"},
        FindCase{"$..book[-1:].title", kStore, R"(["LOTR"])"},
        FindCase{"$..book[?(@.isbn)].title", kStore, R"(["Moby Dick","LOTR"])"},
        FindCase{"$.store.book[?(!@.isbn)].title", kStore, R"(["Sayings","Sword"])"},
        FindCase{"$.store.book[?(@.price < 10)].price", kStore, "[8.95,8.99]"},
        FindCase{"$.store.book[?(@.price <= 8.99)].price", kStore, "[8.95,8.99]"},
        FindCase{"$.store.book[?(@.price > 20)].title", kStore, R"(["LOTR"])"},
        FindCase{"$.store.book[?(@.price >= 22.99)].title", kStore, R"(["LOTR"])"},
        FindCase{"$.store.book[?(@.price < $.expensive)].price", kStore, "[8.95,8.99]"},
        FindCase{"$.store.book[?(@.category == 'reference')].title", kStore, R"(["Sayings"])"},
        FindCase{"$.store.book[?(@.category != \"fiction\")].title", kStore, R"(["Sayings"])"},
        FindCase{"$.store.book[?(@.category == 'fiction' && @.price < 10)].title", kStore,
                 R"(["Moby Dick"])"},
        FindCase{"$.store.book[?(@.price < 9 || @.price > 20)].title", kStore,
                 R"(["Sayings","Moby Dick","LOTR"])"},
        FindCase{"$.store.book[?((@.price < 9 || @.price > 20) && @.isbn)].title", kStore,
                 R"(["Moby Dick","LOTR"])"},
        FindCase{"$..[?(@.color == 'red')].price", kStore, "[19.95]"},
        FindCase{"$.a[?(@ > 1)]", R"({"a":[1,2,3]})", "[2,3]"},
        FindCase{"$.a[?(@.x == null)]", R"({"a":[{"x":null},{"x":1},{}]})", R"([{"x":null}])"},
        FindCase{"$.a[?(@.x != 1)]", R"({"a":[{"x":null},{"x":1},{}]})", R"([{"x":null},{}])"},
        FindCase{"$.a[?(@.x == true)]", R"({"a":[{"x":true},{"x":false}]})", R"([{"x":true}])"},
        FindCase{"$.a[?(@.x == 1)]", R"({"a":[{"x":1.0},{"x":"1"},{"x":2}]})",
                 R"([{"x":1.0},{"x":"1"}])"},
        FindCase{"$.a[?(@.n.length() > 1)].n", R"({"a":[{"n":[1]},{"n":[1,2]}]})", "[[1,2]]"},
        FindCase{"$.a[?(@.x)]", R"({"a":{"x":1}})", R"([{"x":1}])"},
        FindCase{"$.a[?(@.x)]", R"({"a":"scalar"})", "[]"},
        FindCase{"$..*", R"({"a":{"b":1},"c":[2]})", R"([{"b":1},[2],1,2])"},
        FindCase{"$..[0]", R"({"a":[1,[2,3]]})", "[1,2]"}));

TEST(JsonPath, DefiniteResultAliasesTheInput) {
  JsonPtr input = json(R"({"a":{"b":[1,2,3]}})");
  auto path = JsonPath::parse("$.a.b");
  ASSERT_TRUE(path);
  auto found = path->find(Scope{.input = input});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->get(), &input->get_object().at("a").get_object().at("b"));
  auto whole = JsonPath::parse("$")->find(Scope{.input = input});
  EXPECT_EQ(whole->get(), input.get());
}

TEST(JsonPath, Roots) {
  struct Vars : Variables {
    std::map<std::string, JsonPtr, std::less<>> values;
    const JsonPtr* find(std::string_view name) const override {
      auto it = values.find(name);
      return it == values.end() ? nullptr : &it->second;
    }
  } vars;
  vars.values["myVar"] = json(R"({"a":{"b":7}})");
  Scope scope{.input = json("{}"),
              .context = json(R"({"Execution":{"Name":"e1"}})"),
              .variables = &vars};

  auto context = JsonPath::parse("$$.Execution.Name");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->root(), JsonPath::Root::kContext);
  EXPECT_TRUE(context->definite());
  EXPECT_EQ(to_text(**context->find(scope)), R"("e1")");

  auto variable = JsonPath::parse("$myVar.a.b");
  ASSERT_TRUE(variable);
  EXPECT_EQ(variable->root(), JsonPath::Root::kVariable);
  EXPECT_EQ(variable->variable(), "myVar");
  EXPECT_EQ(to_text(**variable->find(scope)), "7");
  EXPECT_EQ(to_text(**JsonPath::parse("$myVar")->find(scope)), R"({"a":{"b":7}})");

  EXPECT_EQ(JsonPath::parse("$other")->find(scope).error(), "No results for path: $other");
  EXPECT_EQ(JsonPath::parse("$$.Execution.Nope")->find(scope).error(),
            "No results for path: $['Execution']['Nope']");
  // A missing context reads as {}.
  EXPECT_EQ(to_text(**JsonPath::parse("$$")->find(Scope{.input = json("{}")})), "{}");
}

TEST(JsonPath, Definiteness) {
  for (const char* text : {"$", "$.a", "$['a'][0]", "$.a['b','c']", "$$.a", "$v.a[1]"}) {
    EXPECT_TRUE(JsonPath::parse(text)->definite()) << text;
  }
  for (const char* text : {"$[*]", "$.a.*", "$.a[0,1]", "$.a[1:]", "$..a", "$.a[?(@.x)]",
                           "$['a','b'].c"}) {
    EXPECT_FALSE(JsonPath::parse(text)->definite()) << text;
  }
}

TEST(JsonPath, RejectsInvalidPaths) {
  for (const char* text :
       {"", "a", "$.", "$..", "$.a.", "$[", "$[]", "$['a'", "$[a]", "$.a[?(@.x ==)]",
        "$.a[?(@.x =~ /x/)]", "$[(@.length-1)]", "$.a.foo()", "$.length().a", ".a", "$a-b"}) {
    auto path = JsonPath::parse(text, "x.$", "/States/S/Parameters");
    ASSERT_FALSE(path) << text;
    EXPECT_EQ(path.error().to_string(),
              "SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath "
              "at /States/S/Parameters");
  }
}

}  // namespace
}  // namespace jobflow::asl
