// In-process ASL engine throughput: state transitions per second on the peer benchmark's
// definitions (../shared/peers/sfn-aws-local-stepfunctions/def_*.asl.json) and inputs,
// sequential executions, no history kept (the Express fast path). Prints one JSON line per case.
//   bench_sfn_engine PEER_DIR [runs=9] [scale=4] [case]   (case: run that one only, e.g. to profile it)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "asl/compile/compiler.h"
#include "asl/eval/execution.h"
#include "asl/validate/validator.h"

using namespace jobflow::asl;

namespace {

struct Case {
  std::string name;
  std::string file;  // the peer's definition; or, when it starts with '{', the definition itself
  JsonPtr input;
  int execs;
  std::int64_t transitions;
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr const char* kChoiceLoopJsonata = R"({"QueryLanguage":"JSONata","StartAt":"Init","States":{
  "Init":{"Type":"Pass","Output":{"i":0},"Next":"Check"},
  "Check":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.i < 1000 %}","Next":"Inc"}],"Default":"Done"},
  "Inc":{"Type":"Pass","Output":{"i":"{% $states.input.i + 1 %}"},"Next":"Check"},
  "Done":{"Type":"Succeed"}}})";

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PEER_DIR [runs=9] [scale=4] [case]\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  int runs = argc > 2 ? std::atoi(argv[2]) : 9;
  int scale = argc > 3 ? std::atoi(argv[3]) : 4;
  std::string only = argc > 4 ? argv[4] : "";

  boost::json::array blob;  // the peer's ~10 KB input: 200 {id, name, tags}
  for (int i = 0; i < 200; ++i) {
    blob.push_back(boost::json::object{{"id", i}, {"name", fmt::format("item-{}", i)}, {"tags", boost::json::array{"a", "b"}}});
  }
  boost::json::array items;
  for (int i = 0; i < 1000; ++i) items.push_back(i);
  // The peer runs few executions per timed run (it is slow); ours are scaled up so that one
  // timed run lasts long enough to measure, with the same definitions and inputs.
  std::vector<Case> cases = {
      {"pass_chain_100", "def_pass_chain_100.asl.json", make_json(boost::json::object()), 20000 * scale, 100},
      {"pass_chain_100_10KB_input", "def_pass_chain_100.asl.json", make_json(boost::json::object{{"blob", blob}}),
       20000 * scale, 100},
      {"choice_loop_1000", "def_choice_loop_1000.asl.json", make_json(boost::json::object()), 200 * scale, 2003},
      {"map_1000_pass", "def_map_1000_pass.asl.json", make_json(boost::json::object{{"items", items}}), 200 * scale,
       1001},
      // choice_loop_1000 written in JSONata (the peer has no JSONata mode: compare with the row above).
      {"choice_loop_1000_jsonata", kChoiceLoopJsonata, make_json(boost::json::object()), 200 * scale, 2003},
  };

  ExecutionInfo info;
  info.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:bench:e";
  info.name = "e";
  info.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:bench";
  info.state_machine_name = "bench";
  info.express = true;

  for (const auto& c : cases) {
    if (!only.empty() && c.name != only) continue;
    std::string text = c.file.starts_with('{') ? c.file : read(dir + "/" + c.file);
    if (auto diagnostics = Validator::validate(text, StateMachineType::kExpress); !diagnostics.empty()) {
      std::fprintf(stderr, "%s: %s\n", c.file.c_str(), diagnostics.front().to_string().c_str());
      return 1;
    }
    auto program = Compiler::compile(boost::json::parse(text));
    if (!program) {
      std::fprintf(stderr, "%s: %s\n", c.file.c_str(), program.error().to_string().c_str());
      return 1;
    }
    // Check once: the execution succeeds and enters exactly the expected number of states.
    {
      Execution check(*program, info, nullptr, nullptr);
      check.start(c.input, 0);
      if (check.status() != ExecutionStatus::kSucceeded || check.transitions() != c.transitions) {
        if (check.failure()) std::fprintf(stderr, "%s\n", check.failure()->cause.c_str());
        std::fprintf(stderr, "%s: status %d, %lld transitions (expected %lld)\n", c.name.c_str(),
                     static_cast<int>(check.status()), static_cast<long long>(check.transitions()),
                     static_cast<long long>(c.transitions));
        return 1;
      }
    }
    std::vector<double> rates;
    std::vector<double> us_per_exec;
    for (int r = 0; r < runs; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      std::int64_t transitions = 0;
      for (int i = 0; i < c.execs; ++i) {
        Execution execution(*program, info, nullptr, nullptr);
        execution.start(c.input, 0);
        transitions += execution.transitions();
      }
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      rates.push_back(static_cast<double>(transitions) / seconds);
      us_per_exec.push_back(seconds * 1e6 / c.execs);
    }
    std::printf("{\"case\":\"%s\",\"execs_per_run\":%d,\"transitions_per_exec\":%lld,\"median_transitions_per_s\":%.0f,"
                "\"min\":%.0f,\"max\":%.0f,\"median_us_per_exec\":%.2f}\n",
                c.name.c_str(), c.execs, static_cast<long long>(c.transitions), median(rates),
                *std::min_element(rates.begin(), rates.end()), *std::max_element(rates.begin(), rates.end()),
                median(us_per_exec));
    std::fflush(stdout);
  }
  return 0;
}
