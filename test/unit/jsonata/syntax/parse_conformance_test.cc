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
#include "../corpus_loader.h"

namespace jobflow::jsonata {
namespace {

JResult<SyntaxTree> parse_and_process(std::string_view expression) {
  auto raw = Parser::parse(expression);
  if (!raw) return std::unexpected(raw.error());
  return AstProcessor::process(std::move(*raw));
}

TEST(ParseConformanceTest, EveryCaseParsesOrFailsWithItsStaticError) {
  const auto corpus = testing::load_corpus(JOBFLOW_JSONATA_CORPUS);
  ASSERT_GT(corpus.size(), 1600u);
  std::size_t static_errors = 0;
  for (const auto& c : corpus) {
    const std::string expected = c.code.starts_with("S0") ? c.code : std::string();
    auto tree = parse_and_process(c.expression);
    if (expected.empty()) {
      EXPECT_TRUE(tree.has_value()) << c.name << ": " << c.expression << "\n  got " << tree.error().code << " "
                                    << tree.error().message;
    } else {
      ++static_errors;
      EXPECT_FALSE(tree.has_value()) << c.name << ": " << c.expression << "\n  expected " << expected;
      if (!tree) {
        EXPECT_EQ(tree.error().code, expected) << c.name << ": " << c.expression;
      }
    }
  }
  EXPECT_GT(static_errors, 30u);
}

}  // namespace
}  // namespace jobflow::jsonata
