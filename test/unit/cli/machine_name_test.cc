#include "cli/track/machine_name.h"

#include <gtest/gtest.h>

#include <string>

namespace jobflow::cli {
namespace {

struct Case {
  const char* file;
  const char* name;
};

const Case kCases[] = {
    {"wordcount.asl.json", "wordcount-1764000000000"},
    {"examples/3-sfn-emr-sync/pipeline.asl.json", "pipeline-1764000000000"},
    {"/abs/path/flow.json", "flow-1764000000000"},
    {"flow", "flow-1764000000000"},
    {"my flow (v2).asl.json", "my-flow--v2--1764000000000"},
    {"naïve.json", "na--ve-1764000000000"},  // each byte of a multi-byte character
    {".json", "run-1764000000000"},           // nothing left but the ending
    {"dir/", "run-1764000000000"},
};

TEST(MachineNameTest, NamedAfterTheFile) {
  for (const auto& c : kCases) EXPECT_EQ(run_machine_name(c.file, 1764000000000), c.name) << c.file;
}

TEST(MachineNameTest, CutToStepFunctionsLimitKeepingTheTime) {
  std::string name = run_machine_name(std::string(200, 'a') + ".asl.json", 1764000000000);
  EXPECT_EQ(name.size(), 80u);
  EXPECT_TRUE(name.ends_with("-1764000000000"));
}

}  // namespace
}  // namespace jobflow::cli
