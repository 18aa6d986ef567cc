#pragma once

// Shared by the asl/jsonata tests: a field compiled and evaluated with given $states.input,
// variables and randomness.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "asl/jsonata/jsonata_template.h"

namespace jobflow::asl::testing {

class MapVariables final : public Variables {
 public:
  void set(std::string name, std::string_view json) { values_[std::move(name)] = make_json(boost::json::parse(json)); }
  const JsonPtr* find(std::string_view name) const override {
    auto it = values_.find(std::string(name));
    return it == values_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, JsonPtr> values_;
};

// 1, 2, 3, ... scrambled: deterministic, different on every call.
class CountingRandom final : public Random {
 public:
  std::uint64_t next() override { return (++count_) * 0x9E3779B97F4A7C15ULL; }

 private:
  std::uint64_t count_ = 0;
};

// The field (JSON text) compiled as `field_name` and evaluated over `input` (JSON text).
inline Outcome<JsonPtr> run_field(std::string_view field, std::string_view input, std::string field_name = "Output",
                                  const Variables* variables = nullptr, Random* random = nullptr) {
  auto compiled = JsonataTemplate::compile(boost::json::parse(field), std::move(field_name));
  if (!compiled) {
    ADD_FAILURE() << "does not compile: " << field << ": " << compiled.error().to_string();
    return raise(Failure{"compile", compiled.error().to_string()});
  }
  JsonataBindings bindings;
  bindings.input = make_json(boost::json::parse(input));
  bindings.variables = variables;
  bindings.random = random;
  return compiled->evaluate(bindings);
}

// What a case expects of run_field: the QueryEvaluationError `cause` when it is not empty, else
// the JSON `result`.
inline void expect_outcome(const Outcome<JsonPtr>& result, std::string_view expected_result, std::string_view cause) {
  if (!cause.empty()) {
    ASSERT_FALSE(result.has_value()) << boost::json::serialize(**result);
    EXPECT_EQ(result.error().error, "States.QueryEvaluationError");
    EXPECT_EQ(result.error().cause, cause);
    return;
  }
  ASSERT_TRUE(result.has_value()) << result.error().cause;
  EXPECT_EQ(**result, boost::json::parse(expected_result)) << boost::json::serialize(**result);
}

// "{% <expression> %}" as a JSON string literal.
inline std::string expression_field(std::string_view expression) {
  return boost::json::serialize(boost::json::value(boost::json::string("{% " + std::string(expression) + " %}")));
}

}  // namespace jobflow::asl::testing
