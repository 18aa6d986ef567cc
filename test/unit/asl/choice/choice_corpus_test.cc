// Replays the recorded AWS executions whose outcome a Choice state decides, straight from the
// shared conformance corpus (JOBFLOW_SFN_CORPUS): every case of choice_operators/ (491), plus the
// JSONPath-mode cases of other categories made only of Choice, Pass (no I/O fields), Succeed and
// Fail states. A tiny walker runs those states; the Choice decisions are the code under test.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "asl/choice/choice_rule.h"

namespace jobflow::asl {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = JOBFLOW_SFN_CORPUS;

JsonPtr read_case(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return parse_json(text.str());
}

std::vector<fs::path> case_files(std::string_view category) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kCorpus / category)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Run {
  std::string status;  // SUCCEEDED / FAILED / UNSUPPORTED (the walker cannot run it)
  JsonPtr output;
  std::string error;
  std::string cause;
  std::string detail;  // why UNSUPPORTED, or the failure text
};

// Only what these definitions use: Choice, Pass (Result or pass-through), Succeed, Fail.
Run walk(const Json& definition, const JsonPtr& input) {
  const auto& root = definition.as_object();
  if (root.contains("QueryLanguage")) return {"UNSUPPORTED", nullptr, "", "", "JSONata"};
  const auto& states = root.at("States").as_object();
  std::string current(root.at("StartAt").as_string());

  boost::json::object execution;
  execution["Input"] = *input;
  boost::json::object context;
  context["Execution"] = std::move(execution);
  Scope scope;
  scope.input = input;
  scope.context = make_json(Json(std::move(context)));

  for (int steps = 0; steps < 100; ++steps) {
    const auto& state = states.at(current).as_object();
    const std::string type(state.at("Type").as_string());
    for (const auto& member : state) {
      static const std::vector<std::string_view> kAllowed = {
          "Type", "Next", "End", "Result", "Choices", "Default", "Comment", "Error", "Cause"};
      if (std::find(kAllowed.begin(), kAllowed.end(), member.key()) == kAllowed.end()) {
        return {"UNSUPPORTED", nullptr, "", "", "field " + std::string(member.key())};
      }
    }
    if (type == "Choice") {
      std::vector<ChoiceRule> rules;
      const auto& choices = state.at("Choices").as_array();
      for (std::size_t i = 0; i < choices.size(); ++i) {
        auto rule = ChoiceRule::parse(choices[i], true,
                                      "/States/" + current + "/Choices/" + std::to_string(i));
        if (!rule) return {"UNSUPPORTED", nullptr, "", "", "parse: " + rule.error().to_string()};
        rules.push_back(std::move(*rule));
      }
      auto chosen = first_matching_rule(rules, scope);
      if (!chosen) return {"FAILED", nullptr, chosen.error().error, chosen.error().cause, ""};
      if (*chosen != nullptr) {
        current = (*chosen)->next();
      } else if (const auto* fallback = state.if_contains("Default")) {
        current = std::string(fallback->as_string());
      } else {
        return {"FAILED", nullptr, "States.NoChoiceMatched", "", ""};
      }
      continue;
    }
    if (type == "Pass") {
      if (const auto* result = state.if_contains("Result")) scope.input = make_json(*result);
    } else if (type == "Fail") {
      Run run{"FAILED", nullptr, "", "", ""};
      if (const auto* e = state.if_contains("Error")) run.error = std::string(e->as_string());
      if (const auto* c = state.if_contains("Cause")) run.cause = std::string(c->as_string());
      return run;
    } else if (type != "Succeed") {
      return {"UNSUPPORTED", nullptr, "", "", "state type " + type};
    }
    if (type == "Succeed" || state.contains("End")) return {"SUCCEEDED", scope.input, "", "", ""};
    current = std::string(state.at("Next").as_string());
  }
  return {"UNSUPPORTED", nullptr, "", "", "too many steps"};
}

// Checks one case; returns false (and records why) when the walker's outcome differs.
bool check_case(const fs::path& file, bool require_supported) {
  SCOPED_TRACE(file.filename().string());
  JsonPtr test_case = read_case(file);
  if (!test_case) {
    ADD_FAILURE() << "not JSON";
    return false;
  }
  const auto& object = test_case->as_object();
  if (!object.contains("expect")) return !require_supported;  // create_error: not a Choice decision
  const auto& expect = object.at("expect").as_object();
  Run run = walk(object.at("definition"), make_json(object.at("input")));
  if (run.status == "UNSUPPORTED") {
    if (require_supported) ADD_FAILURE() << "unsupported: " << run.detail;
    return !require_supported;
  }
  const std::string status(expect.at("status").as_string());
  bool ok = true;
  EXPECT_EQ(run.status, status) << run.error << ": " << run.cause;
  ok = ok && run.status == status;
  if (status == "SUCCEEDED" && run.status == status) {
    const bool same = json_equal(*run.output, expect.at("output"));
    EXPECT_TRUE(same) << "output " << to_text(*run.output) << " expected "
                      << to_text(expect.at("output"));
    ok = ok && same;
  }
  if (status == "FAILED" && run.status == status) {
    if (const auto* e = expect.if_contains("error"); e && e->is_string()) {
      EXPECT_EQ(run.error, std::string(e->as_string()));
      ok = ok && run.error == e->as_string();
    }
    if (const auto* c = expect.if_contains("cause"); c && c->is_string()) {
      EXPECT_EQ(run.cause, std::string(c->as_string()));
      ok = ok && run.cause == c->as_string();
    }
  }
  return ok;
}

TEST(ChoiceCorpus, AllChoiceOperatorCasesTakeTheRecordedBranch) {
  const auto files = case_files("choice_operators");
  ASSERT_EQ(files.size(), 491u);
  int passed = 0;
  for (const auto& file : files) passed += check_case(file, /*require_supported=*/true) ? 1 : 0;
  EXPECT_EQ(passed, 491);
  std::printf("choice_operators: %d/%zu cases pass\n", passed, files.size());
}

// The rest of the corpus: every JSONPath case the walker can run (Choice scenarios, the
// context-object Choice, ...) must match its recording; the others are skipped.
TEST(ChoiceCorpus, OtherChoiceScenariosTakeTheRecordedBranch) {
  int ran = 0;
  for (std::string_view category : {"scenarios", "base", "context_object", "assign"}) {
    for (const auto& file : case_files(category)) {
      JsonPtr test_case = read_case(file);
      if (!test_case || !test_case->as_object().contains("expect")) continue;
      const auto& definition = test_case->as_object().at("definition");
      if (to_text(definition).find("\"Choice\"") == std::string::npos) continue;
      if (walk(definition, make_json(test_case->as_object().at("input"))).status == "UNSUPPORTED") {
        continue;
      }
      EXPECT_TRUE(check_case(file, true));
      ++ran;
    }
  }
  // test_choice_aws_docs_scenario, test_choice_singleton_composite, the two
  // test_choice_unsorted_parameters cases, test_path_based_on_data__0..2 and
  // context_object/test_variable.
  EXPECT_GE(ran, 8);
  std::printf("other categories: %d JSONPath Choice cases replayed\n", ran);
}

}  // namespace
}  // namespace jobflow::asl
