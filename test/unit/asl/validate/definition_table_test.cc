// Tests as data: test/data/asl/validate/definitions.json lists definitions and the exact
// diagnostics (as "CODE: message at location") the validator must give, [] for a valid one.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "asl/validate/invalid_definition_message.h"
#include "asl/validate/validator.h"

namespace jobflow::asl {
namespace {

struct TableCase {
  std::string name;
  std::string text;
  StateMachineType type = StateMachineType::kStandard;
  std::vector<std::string> expected;
};

std::vector<TableCase> load_cases() {
  std::ifstream in(std::string(JOBFLOW_TEST_DATA) + "/asl/validate/definitions.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  boost::json::value doc = boost::json::parse(buffer.str());
  std::vector<TableCase> cases;
  for (const auto& item : doc.at("cases").as_array()) {
    const auto& o = item.as_object();
    TableCase c;
    c.name = std::string(o.at("name").as_string());
    c.text = o.contains("definition_text") ? std::string(o.at("definition_text").as_string())
                                           : boost::json::serialize(o.at("definition"));
    if (o.contains("type") && o.at("type").as_string() == "EXPRESS") {
      c.type = StateMachineType::kExpress;
    }
    for (const auto& d : o.at("diagnostics").as_array()) c.expected.emplace_back(d.as_string());
    cases.push_back(std::move(c));
  }
  return cases;
}

class DefinitionTable : public ::testing::TestWithParam<TableCase> {};

TEST_P(DefinitionTable, GivesExactDiagnostics) {
  const TableCase& c = GetParam();
  std::vector<std::string> actual;
  for (const auto& d : Validator::validate(c.text, c.type)) actual.push_back(d.to_string());
  EXPECT_EQ(actual, c.expected) << c.text;
}

INSTANTIATE_TEST_SUITE_P(Definitions, DefinitionTable, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<TableCase>& info) {
                           std::string name = info.param.name;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(InvalidDefinitionMessage, JoinsDiagnosticsAsAwsDoes) {
  std::vector<Diagnostic> diagnostics{
      {"MISSING_TRANSITION_TARGET", "Missing 'Next' target: pass3", "/States/pass1/Next"},
      {"MISSING_TRANSITION_TARGET", "State \"pass2\" is not reachable.", "/States/pass2"},
  };
  EXPECT_EQ(InvalidDefinitionMessage::format(diagnostics),
            "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: "
            "pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not "
            "reachable. at /States/pass2'");
}

TEST(ValidatorJson, NotJsonGivesJacksonStyleMessage) {
  auto diagnostics = Validator::validate("not a definition", StateMachineType::kStandard);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "INVALID_JSON_DESCRIPTION");
  EXPECT_EQ(diagnostics[0].message,
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token "
            "'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, "
            "column: 4]");
}

}  // namespace
}  // namespace jobflow::asl
