// Replays the conformance corpus cases (../shared/conformance/sfn) that are a single JSONPath Pass
// state with only Parameters: AWS's output is then exactly the evaluated template, and a failure
// is the recorded States.Runtime cause after the engine's "An error occurred ..." prefix.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "asl/template/payload_template.h"
#include "asl/value/json.h"

namespace jobflow::asl {
namespace {

namespace fs = std::filesystem;

fs::path corpus_root() {
#ifdef JOBFLOW_SFN_CORPUS
  return fs::path(JOBFLOW_SFN_CORPUS);
#else
  return fs::path(JOBFLOW_TEST_DATA) / ".." / ".." / ".." / "shared" / "conformance" / "sfn";
#endif
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Volatile values the corpus replaced by `<token>`s cannot be compared.
bool has_placeholder(const std::string& text) { return text.find('<') != std::string::npos; }

TEST(PayloadTemplateCorpus, SinglePassParametersCases) {
  const fs::path root = corpus_root();
  if (!fs::exists(root)) FAIL() << "no corpus at " << root << " (the conformance corpus must sit beside the repository)";
  int checked = 0;
  for (const char* category : {"base", "comments", "intrinsic_functions", "scenarios"}) {
    if (!fs::exists(root / category)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(root / category)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      boost::json::value doc = boost::json::parse(read_file(file));
      const auto& kase = doc.as_object();
      const auto* definition = kase.if_contains("definition");
      const auto* expect = kase.if_contains("expect");
      if (!definition || !definition->is_object() || !expect || kase.contains("definition_text")) {
        continue;
      }
      if (definition->as_object().contains("QueryLanguage")) continue;
      const auto* states = definition->as_object().if_contains("States");
      if (!states || !states->is_object() || states->as_object().size() != 1) continue;
      const auto& state = states->as_object().begin()->value().as_object();
      if (state.if_contains("Type") == nullptr || state.at("Type") != "Pass" ||
          !state.contains("Parameters")) {
        continue;
      }
      bool only_parameters = true;
      for (const auto& field : state) {
        if (field.key() != "Type" && field.key() != "Parameters" && field.key() != "End" &&
            field.key() != "Comment") {
          only_parameters = false;
        }
      }
      if (!only_parameters) continue;
      const auto& expected = expect->as_object();
      const std::string status(expected.at("status").as_string());
      std::string output_text =
          expected.contains("output") ? to_text(expected.at("output")) : std::string();
      std::string cause = expected.contains("cause") && expected.at("cause").is_string()
                              ? std::string(expected.at("cause").as_string())
                              : std::string();
      SCOPED_TRACE(file.string());
      JsonPtr input = make_json(kase.at("input"));
      std::string input_text = to_text(*input);
      // `<json-input:1>` in a recorded cause is the state input.
      for (std::size_t at; (at = cause.find("<json-input:1>")) != std::string::npos;) {
        cause.replace(at, 14, input_text);
      }
      if (status == "SUCCEEDED" ? has_placeholder(output_text) : has_placeholder(cause)) continue;
      if (status != "SUCCEEDED" && status != "FAILED") continue;

      auto compiled = PayloadTemplate::compile(state.at("Parameters"), "Parameters", "/States/S");
      ASSERT_TRUE(compiled) << compiled.error().to_string();
      Scope scope{.input = input,
                  .context = make_json(boost::json::object{{"Execution", {{"Input", *input}}}})};
      auto out = compiled->evaluate(scope);
      ++checked;
      if (status == "SUCCEEDED") {
        ASSERT_TRUE(out) << out.error().error << ": " << out.error().cause;
        EXPECT_EQ(to_text(**out), output_text);
      } else {
        ASSERT_FALSE(out) << to_text(**out);
        EXPECT_EQ(out.error().error, std::string(expected.at("error").as_string()));
        // The engine adds "An error occurred while executing the state '...' (...). ".
        auto detail_at = cause.find("). ");
        ASSERT_NE(detail_at, std::string::npos);
        EXPECT_EQ(out.error().cause, cause.substr(detail_at + 3));
      }
    }
  }
  EXPECT_GT(checked, 100);
  std::cout << "[          ] corpus cases checked: " << checked << "\n";
}

}  // namespace
}  // namespace jobflow::asl
