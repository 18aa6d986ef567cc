// The executor tests bring their own main(): LocalExecutor starts its spawner by running this very
// binary (/proc/self/exe) with a hidden argument, and the test helper "server" (see
// test_server.h) is this binary too. Both must be handled before GoogleTest sees the arguments.
#include <gtest/gtest.h>

#include "executor/local/spawner.h"
#include "unit/executor/test_server.h"

int main(int argc, char** argv) {
  if (jobflow::executor::run_spawner_if_requested(argc, argv)) return 0;
  if (auto status = jobflow::executor::testutil::run_test_server_if_requested(argc, argv)) {
    return *status;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
