// Differential samples: reference_samples.json holds calls of the formatting functions on varied
// (partly random) numbers, pictures, options, timezones and timestamps, each with the result
// jsonata-js 2.2.2 gave for it (see src/jsonata/format/README.md). They reach corners the
// conformance cases do not: the reference's grouping and exponent quirks, odd pictures, invalid
// dates, ISO strings Date.parse rejects, the parse-back of formatted timestamps.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "function_call.h"

namespace jobflow::jsonata::format {
namespace {

namespace json = boost::json;

json::array load_samples() {
  const auto path = std::filesystem::path(JSONATA_FORMAT_CASES).parent_path() / "reference_samples.json";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str()).as_array();
}

std::string describe(const json::object& sample) { return json::serialize(sample); }

TEST(ReferenceSamples, EveryCallGivesWhatTheReferenceGave) {
  const json::array samples = load_samples();
  ASSERT_GT(samples.size(), 1000u);
  for (const auto& item : samples) {
    const json::object& sample = item.as_object();
    const double now = sample.contains("now") ? sample.at("now").to_number<double>() : 0;
    const auto result = test_support::call_function(std::string(sample.at("function").as_string()),
                                                    sample.at("args").as_array(), {}, now);
    if (const auto* code = sample.if_contains("code")) {
      EXPECT_TRUE(!result && result.error().code == code->as_string()) << describe(sample);
      continue;
    }
    if (!result) {
      ADD_FAILURE() << describe(sample) << " failed with " << result.error().code;
      continue;
    }
    if (sample.contains("undefinedResult")) {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(*result)) << describe(sample);
    } else if (const auto* text = sample.if_contains("result")) {
      const auto* got = std::get_if<std::string>(&*result);
      EXPECT_TRUE(got && *got == text->as_string()) << describe(sample) << " gave " << (got ? *got : "no string");
    } else {
      const auto* got = std::get_if<double>(&*result);
      EXPECT_TRUE(got && test_support::print_number(*got) == sample.at("number").as_string())
          << describe(sample) << " gave " << (got ? test_support::print_number(*got) : "no number");
    }
  }
}

}  // namespace
}  // namespace jobflow::jsonata::format
