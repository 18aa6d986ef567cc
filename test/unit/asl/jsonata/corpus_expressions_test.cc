// Every "{% %}" string of every definition in the SFN conformance corpus (../shared/conformance/sfn)
// compiles, wherever it sits (a JSONPath state's literal included): the engine accepts every
// expression AWS ran. A create_error case refused for a JSONata syntax error
// (INVALID_JSONATA_EXPRESSION in its message) must instead be refused with AWS's message; the
// corpus holds none today, so that branch waits for such a recording.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "asl/jsonata/jsonata_template.h"

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

struct Found {
  std::string location;  // AWS's pointer style: /States/S/Output/a, /States/S/Items[0]
  const Json* value;
};

void collect(const Json& value, const std::string& location, std::vector<Found>& out) {
  if (value.is_string()) {
    if (jsonata_expression_text(value.get_string())) out.push_back({location, &value});
  } else if (value.is_object()) {
    for (const auto& member : value.get_object()) collect(member.value(), location + "/" + std::string(member.key()), out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.get_array().size(); ++i) {
      collect(value.get_array()[i], location + "[" + std::to_string(i) + "]", out);
    }
  }
}

TEST(CorpusExpressions, EveryExpressionCompiles) {
  fs::path root(JOBFLOW_SFN_CORPUS);
  ASSERT_TRUE(fs::is_directory(root)) << root;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    if (entry.path().parent_path() == root) continue;  // index.json, stats.json
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  int cases = 0, expressions = 0, refused_as_recorded = 0;
  std::vector<std::string> failures;
  for (const auto& file : files) {
    const std::string id = fs::relative(file, root).replace_extension().generic_string();
    const Json doc = boost::json::parse(read_file(file));
    const auto& c = doc.as_object();
    Json definition;
    if (const Json* text = c.if_contains("definition_text")) {
      boost::system::error_code ec;
      definition = boost::json::parse(text->as_string(), ec);
      if (ec) continue;  // not JSON: refused before any expression is read
    } else {
      definition = c.at("definition");
    }
    std::vector<Found> found;
    collect(definition, "", found);
    if (found.empty()) continue;
    ++cases;

    std::string syntax_message;  // AWS's message when the case is refused for a JSONata syntax error
    if (const Json* error = c.if_contains("create_error")) {
      std::string message(error->at("message").as_string());
      if (message.find("INVALID_JSONATA_EXPRESSION") != std::string::npos) syntax_message = message;
    }
    bool refused = false;
    for (const Found& f : found) {
      ++expressions;
      auto compiled = JsonataTemplate::compile(*f.value, "Field", f.location);
      if (compiled) continue;
      const std::string diagnostic = compiled.error().to_string();
      if (!syntax_message.empty() && syntax_message.find(diagnostic) != std::string::npos) {
        refused = true;
        continue;
      }
      failures.push_back(id + " " + f.location + ": " + std::string(f.value->as_string()) + " → " + diagnostic);
    }
    if (!syntax_message.empty()) {
      if (refused) {
        ++refused_as_recorded;
      } else {
        failures.push_back(id + ": AWS refused it (" + syntax_message + ") but every expression compiles");
      }
    }
  }
  std::string report;
  for (const auto& f : failures) report += "\n  " + f;
  EXPECT_TRUE(failures.empty()) << failures.size() << " problems:" << report;
  // 110 definitions hold a "{% %}" string, 131 in all (the other JSONata cases use literals only).
  EXPECT_GE(cases, 110);
  EXPECT_GE(expressions, 131);
  std::cout << "corpus: " << cases << " cases, " << expressions << " expressions compiled, " << refused_as_recorded
            << " refused as recorded\n";
}

}  // namespace
}  // namespace jobflow::asl
