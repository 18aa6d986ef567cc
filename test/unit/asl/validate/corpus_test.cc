// Walks the SFN conformance corpus (../shared/conformance/sfn) and validates every definition,
// JSONPath and JSONata alike: cases without "create_error" must validate clean; create_error
// cases with InvalidDefinition must be refused, with AWS's exact message where one was recorded
// (not for needs_review cases, recorded against LocalStack only).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "asl/validate/invalid_definition_message.h"
#include "asl/validate/validator.h"

#ifndef JOBFLOW_SFN_CORPUS
#error "JOBFLOW_SFN_CORPUS must name the conformance/sfn directory"
#endif

namespace jobflow::asl {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

std::string joined(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += "\n    " + d.to_string();
  return out;
}

TEST(ValidatorCorpus, EveryCaseAsRecorded) {
  fs::path root(JOBFLOW_SFN_CORPUS);
  ASSERT_TRUE(fs::is_directory(root)) << root;
  boost::json::value fixups_doc =
      boost::json::parse(read_file(fs::path(JOBFLOW_TEST_DATA) / "asl/validate/corpus_fixups.json"));
  const auto& fixups = fixups_doc.at("fixups").as_object();
  const auto& placeholders = fixups_doc.at("placeholders").as_object();

  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    if (entry.path().parent_path() == root) continue;  // index.json, stats.json
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  int clean = 0, rejected = 0, message_matched = 0, review_rejected = 0;
  std::vector<std::string> failures;
  for (const auto& file : files) {
    std::string id = fs::relative(file, root).replace_extension().generic_string();
    boost::json::value doc = boost::json::parse(read_file(file));
    const auto& c = doc.as_object();
    std::string text = c.contains("definition_text")
                           ? std::string(c.at("definition_text").as_string())
                           : boost::json::serialize(c.at("definition"));
    if (const auto* fix = fixups.if_contains(id)) {
      for (const auto& [from, to] : fix->at("replace").as_object()) {
        replace_all(text, from, to.as_string());
      }
    }
    StateMachineType type = c.contains("type") && c.at("type").as_string() == "EXPRESS"
                                ? StateMachineType::kExpress
                                : StateMachineType::kStandard;
    bool review = c.contains("needs_review") && c.at("needs_review").as_bool();
    auto diagnostics = Validator::validate(text, type);

    const auto* error = c.if_contains("create_error");
    bool definition_error = error && error->at("code").as_string() == "InvalidDefinition";
    if (!definition_error) {
      if (diagnostics.empty()) {
        ++clean;
      } else {
        failures.push_back(id + ": valid definition rejected:" + joined(diagnostics));
      }
      continue;
    }
    if (diagnostics.empty()) {
      failures.push_back(id + ": accepted, AWS rejects it: " + std::string(error->at("message").as_string()));
      continue;
    }
    if (review) {
      ++review_rejected;
      continue;
    }
    ++rejected;
    std::string recorded(error->at("message").as_string());
    if (!recorded.starts_with("Invalid State Machine Definition: '")) continue;
    for (const auto& [from, to] : placeholders) replace_all(recorded, from, to.as_string());
    std::string actual = InvalidDefinitionMessage::format(diagnostics);
    if (actual == recorded) {
      ++message_matched;
    } else {
      failures.push_back(id + ": message differs\n    recorded: " + recorded + "\n    actual:   " + actual);
    }
  }
  std::cout << "corpus: " << files.size() << " cases; " << clean << " valid and clean, " << rejected << " rejected as recorded ("
            << message_matched << " with AWS's exact message), " << review_rejected
            << " needs_review rejected; " << failures.size() << " failures\n";
  std::string all;
  for (const auto& f : failures) all += f + "\n";
  EXPECT_TRUE(failures.empty()) << all;
}

}  // namespace
}  // namespace jobflow::asl
