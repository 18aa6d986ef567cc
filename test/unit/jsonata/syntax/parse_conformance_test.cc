// Every expression of the reference implementation's test suite goes through the lexer, parser
// and post-parse pass: cases that expect a static error (S0xxx) must fail with exactly that code,
// every other case must parse (its T/D/U errors come at evaluation).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "jsonata/syntax/ast_processor.h"
#include "jsonata/syntax/parser.h"

namespace jobflow::jsonata {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;
  std::string expression;
  std::string expected_code;  // "" when the expression is valid
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Two cases hold a lone UTF-16 surrogate (\uD800) in a JSON string, which Boost.JSON refuses. The
// expression is JSONata text, so the escape is passed to JSONata's own lexer instead (as "\\uD800"),
// which decodes it as JavaScript would.
std::string escape_lone_surrogates(std::string text) {
  auto hex = [&](std::size_t i) { return i < text.size() && std::isxdigit(static_cast<unsigned char>(text[i])); };
  for (std::size_t i = 0; i + 6 <= text.size(); ++i) {
    if (text[i] != '\\' || text[i + 1] != 'u' || (text[i + 2] != 'd' && text[i + 2] != 'D')) continue;
    std::size_t backslashes = 0;
    while (backslashes < i && text[i - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 1 || !hex(i + 3) || !hex(i + 4) || !hex(i + 5)) continue;
    const char third = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i + 3])));
    const bool high = third >= '8' && third <= 'B';
    const bool low = third >= 'C' && third <= 'F';
    const bool paired = high && text.compare(i + 6, 3, "\\uD") == 0 && i + 9 < text.size() &&
                        std::string_view("CDEFcdef").find(text[i + 9]) != std::string_view::npos;
    if ((high && !paired) || low) {
      text.insert(i, "\\");
      i += 2;
    } else if (paired) {
      i += 6;
    }
  }
  return text;
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  const fs::path root = fs::path(JOBFLOW_JSONATA_CORPUS) / "groups";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto value = boost::json::parse(escape_lone_surrogates(read_file(file)));
    std::vector<boost::json::object> objects;
    if (value.is_array()) {
      for (auto& v : value.as_array()) objects.push_back(v.as_object());
    } else {
      objects.push_back(value.as_object());
    }
    for (std::size_t i = 0; i < objects.size(); ++i) {
      const auto& o = objects[i];
      Case c;
      c.name = fs::relative(file, root).string() + (objects.size() > 1 ? "#" + std::to_string(i) : "");
      if (auto* e = o.if_contains("expr")) {
        c.expression = std::string(e->as_string());
      } else {
        c.expression = read_file(file.parent_path() / std::string(o.at("expr-file").as_string()));
      }
      if (auto* code = o.if_contains("code")) c.expected_code = std::string(code->as_string());
      if (auto* error = o.if_contains("error"); error && error->is_object())
        if (auto* code = error->as_object().if_contains("code")) c.expected_code = std::string(code->as_string());
      if (!c.expected_code.starts_with("S0")) c.expected_code.clear();
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

JResult<SyntaxTree> parse_and_process(std::string_view expression) {
  auto raw = Parser::parse(expression);
  if (!raw) return std::unexpected(raw.error());
  return AstProcessor::process(std::move(*raw));
}

TEST(ParseConformanceTest, EveryCaseParsesOrFailsWithItsStaticError) {
  auto cases = load_cases();
  ASSERT_GT(cases.size(), 1600u);
  std::size_t static_errors = 0;
  for (const auto& c : cases) {
    auto tree = parse_and_process(c.expression);
    if (c.expected_code.empty()) {
      EXPECT_TRUE(tree.has_value()) << c.name << ": " << c.expression << "\n  got " << tree.error().code << " "
                                    << tree.error().message;
    } else {
      ++static_errors;
      EXPECT_FALSE(tree.has_value()) << c.name << ": " << c.expression << "\n  expected " << c.expected_code;
      if (!tree) {
        EXPECT_EQ(tree.error().code, c.expected_code) << c.name << ": " << c.expression;
      }
    }
  }
  EXPECT_GT(static_errors, 30u);
}

}  // namespace
}  // namespace jobflow::jsonata
