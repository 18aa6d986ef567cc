#include "jsonata/syntax/signature.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace jobflow::jsonata {
namespace {

struct MatchCase {
  const char* signature;
  const char* symbols;                            // one per supplied argument
  std::optional<std::vector<std::string>> taken;  // per parameter; nullopt: no match
  std::size_t mismatch;                           // 1-based argument reported by T0410 (0: matches)
};

const MatchCase kMatchCases[] = {
    {"<s-:s>", "s", std::vector<std::string>{"s"}, 0},
    {"<s-:s>", "", std::vector<std::string>{""}, 0},  // the context stands in
    {"<s-:s>", "m", std::vector<std::string>{"m"}, 0},
    {"<s-:s>", "n", std::nullopt, 1},
    {"<s-:s>", "ss", std::nullopt, 2},
    {"<a<s>s?:s>", "as", std::vector<std::string>{"a", "s"}, 0},
    {"<a<s>s?:s>", "a", std::vector<std::string>{"a", ""}, 0},
    {"<a<s>s?:s>", "s", std::vector<std::string>{"s", ""}, 0},  // a single value stands for an array
    {"<a<s>s?:s>", "an", std::nullopt, 2},
    {"<n+>", "nnn", std::vector<std::string>{"nnn"}, 0},
    {"<n+>", "", std::nullopt, 1},
    {"<s?s>", "s", std::vector<std::string>{"", "s"}, 0},  // greedy, then backtracks
    {"<f>", "m", std::nullopt, 1},                          // a function may not be missing
    {"<(sn)b?>", "nb", std::vector<std::string>{"n", "b"}, 0},
    {"<(sn)b?>", "o", std::nullopt, 1},
    {"<x-b?:x>", "lb", std::vector<std::string>{"l", "b"}, 0},
    {"<j>", "f", std::nullopt, 1},
};

TEST(SignatureTest, MatchesLikeTheReferenceRegex) {
  for (const auto& c : kMatchCases) {
    auto signature = Signature::parse(c.signature);
    ASSERT_TRUE(signature) << c.signature;
    EXPECT_EQ(signature->match(c.symbols), c.taken) << c.signature << " against '" << c.symbols << "'";
    if (!c.taken) {
      EXPECT_EQ(signature->first_mismatch(c.symbols), c.mismatch) << c.signature << " " << c.symbols;
    }
  }
}

TEST(SignatureTest, ParsesParameters) {
  auto s = Signature::parse("<a<n>f<n:n>?s-(sb)+:a>");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->params().size(), 4u);
  EXPECT_EQ(s->params()[0].subtype, "n");
  EXPECT_EQ(s->params()[1].subtype, "n:n");
  EXPECT_EQ(s->params()[1].quantifier, '?');
  EXPECT_TRUE(s->params()[2].context);
  EXPECT_EQ(s->params()[3].accepts, "sbm");
  EXPECT_EQ(s->params()[3].quantifier, '+');
}

struct ErrorCase {
  const char* signature;
  const char* code;
};

const ErrorCase kErrorCases[] = {
    {"<n<n>>", "S0401"},        // a type parameter on a number
    {"<(sa<n>)>", "S0402"},     // a parameterized type in a choice
};

TEST(SignatureTest, RefusesWhatTheReferenceRefuses) {
  for (const auto& c : kErrorCases) {
    auto s = Signature::parse(c.signature);
    ASSERT_FALSE(s) << c.signature;
    EXPECT_EQ(s.error().code, c.code) << c.signature;
  }
}

}  // namespace
}  // namespace jobflow::jsonata
