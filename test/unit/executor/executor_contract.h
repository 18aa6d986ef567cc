#pragma once

// The executor contract suite: what every Executor backend promises (executor/executor.h), run
// against each backend the machine can run. A backend's test file instantiates it:
//
//   INSTANTIATE_TEST_SUITE_P(Local, ExecutorContract,
//       ::testing::Values(ExecutorContractParam{"cgroup", make_local_with_cgroups}),
//       [](const auto& info) { return info.param.name; });
//
// The tests (executor_contract.cc) run real processes: sh, sleep, true, setsid.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "base/error.h"
#include "executor/executor.h"
#include "unit/executor/test_support.h"

namespace jobflow::executor {

struct ExecutorContractParam {
  std::string name;
  // Makes an executor keeping its state under `state_dir`. Called again with the same directory
  // to stand for a restarted server, which must find the jobs of the previous one.
  std::function<Result<std::unique_ptr<Executor>>(const std::string& state_dir)> make;
};

// gtest prints the parameter of a failing test; the name says all.
inline void PrintTo(const ExecutorContractParam& param, std::ostream* out) { *out << param.name; }

class ExecutorContract : public ::testing::TestWithParam<ExecutorContractParam> {
 protected:
  void SetUp() override;
  // Kills whatever a test left running, waits for it, checks every watch fired at most once.
  void TearDown() override;

  // A job with its own log and working directory below the test's temp dir.
  JobSpec spec(const std::string& name, std::vector<std::string> argv);
  // prepare + start; the test fails if start() does.
  JobHandle start(const JobSpec& spec);
  // watch() and wait for on_exit; nullopt (and a test failure) on timeout.
  std::optional<JobExit> wait_exit(const JobHandle& handle);
  std::shared_ptr<testutil::ExitRecorder> watch(const JobHandle& handle);

  // Destroying the executor stands for a server that stops; creating one over the same state
  // for a restarted server.
  void destroy_executor();
  void create_executor();

  std::string path(const std::string& relative) const { return temp_.path() + "/" + relative; }

  // A script that waits until the file `release` appears in its working directory.
  static std::string wait_for_release() {
    return "while [ ! -e release ]; do sleep 0.005; done";
  }
  static void release(const JobSpec& spec);

  testutil::TempDir temp_;
  std::string state_dir_;
  std::unique_ptr<Executor> executor_;
  std::vector<JobHandle> started_;
  std::vector<std::shared_ptr<testutil::ExitRecorder>> recorders_;
};

}  // namespace jobflow::executor
