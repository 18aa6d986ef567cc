// The error table and message substitution shared by the whole JSONata engine.

#include "jsonata/error/jsonata_error.h"

#include <gtest/gtest.h>

namespace jobflow::jsonata {
namespace {

TEST(JsonataError, HasTheWholeReferenceTable) {
  for (const char* code : {"S0101", "S0217", "S0301", "S0402", "S0500", "T0410", "T0412", "D1001", "T1003",
                           "D1013", "T2001", "D2014", "D2015", "D3001", "D3050", "D3093", "D3100", "D3141"}) {
    EXPECT_FALSE(error_template(code).empty()) << code;
  }
  EXPECT_TRUE(error_template("X9999").empty());
}

TEST(JsonataError, DoubleBracesInsertJsonAndTripleBracesTheRawValue) {
  const JsonataError err = error("D3110", {ErrorInsert::text("value", "say \"hi\"")});
  EXPECT_EQ(err.code, "D3110");
  EXPECT_EQ(err.message,
            "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given \"say \\\"hi\\\"\"");
  EXPECT_EQ(err.value, "say \"hi\"");

  EXPECT_EQ(error("T1005", {ErrorInsert::text("token", "sum")}).message,
            "Attempted to invoke a non-function. Did you mean $sum?");
  EXPECT_EQ(error("D3137", {ErrorInsert::text("message", "custom text")}).message, "custom text");
  EXPECT_EQ(error("D3100", {ErrorInsert::literal("value", "1")}).message,
            "The radix of the formatBase function must be between 2 and 36.  It was given 1");
  EXPECT_EQ(error("S0103", {ErrorInsert::text("token", "q")}).message, "Unsupported escape sequence: \\\"q\"");
}

TEST(JsonataError, MissingInsertsReadUndefined) {
  EXPECT_EQ(error("S0202", {ErrorInsert::text("token", "]")}).message, "Expected undefined, got \"]\"");
  EXPECT_EQ(error("D3135").message, "No matching closing bracket ']' in date/time picture string");
  EXPECT_EQ(error("D3135").position, -1);
}

}  // namespace
}  // namespace jobflow::jsonata
