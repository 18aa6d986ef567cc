// A closure bound into its own scope (`$f := function(){ $f }`) makes a reference cycle between
// a frame and a function. An evaluation breaks such cycles when it is over, or every evaluation
// would leak its frames (and, through them, the caller's scope).

#include <memory>

#include <gtest/gtest.h>

#include "jsonata/api/expression.h"
#include "jsonata/functions/standard_library.h"

namespace jobflow::jsonata {
namespace {

// Whether the caller's scope frame is still referred to once the caller let it go: it is when an
// evaluation frame below it is kept alive by a cycle.
bool scope_survives(std::string_view text, Expression::Closures closures, bool* holds_function = nullptr) {
  auto expression = Expression::compile(text);
  EXPECT_TRUE(expression.has_value());
  auto scope = std::make_shared<Frame>(standard_library());
  std::weak_ptr<Frame> watched = scope;
  {
    auto result = expression->evaluate_in(scope, Value(), {}, {}, closures);
    EXPECT_TRUE(result.has_value());
    if (holds_function != nullptr) *holds_function = result->is_function();
  }
  scope.reset();
  return !watched.expired();
}

TEST(ClosureRelease, ARecursiveFunctionDoesNotOutliveItsEvaluation) {
  EXPECT_FALSE(scope_survives("($f := function($n){ $n > 0 ? $f($n - 1) : 0 }; $f(3))", Expression::Closures::kKeep));
  EXPECT_FALSE(scope_survives("($o := {'f': function(){ $o }}; 1)", Expression::Closures::kKeep));
  EXPECT_FALSE(scope_survives("($x := 1; $g := function(){ $x }; $g())", Expression::Closures::kKeep));
}

TEST(ClosureRelease, AFunctionResultIsReleasedWhenTheCallerReadsDataOnly) {
  // kDataOnly (Step Functions): the result is read as JSON, so even a function result lets the
  // cycle go. (With kKeep it stays: the caller may call the function; not tested here, as it
  // would leak on purpose.)
  bool is_function = false;
  EXPECT_FALSE(scope_survives("($f := function(){ $f }; $f)", Expression::Closures::kDataOnly, &is_function));
  EXPECT_TRUE(is_function);
}

TEST(ClosureRelease, AFailedEvaluationReleasesToo) {
  auto expression = Expression::compile("($f := function(){ $f }; $error('stop'))");
  ASSERT_TRUE(expression.has_value());
  auto scope = std::make_shared<Frame>(standard_library());
  std::weak_ptr<Frame> watched = scope;
  EXPECT_FALSE(expression->evaluate_in(scope, Value()).has_value());
  scope.reset();
  EXPECT_TRUE(watched.expired());
}

}  // namespace
}  // namespace jobflow::jsonata
