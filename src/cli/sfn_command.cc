#include "cli/sfn_command.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "asl/compile/compiler.h"
#include "asl/eval/execution.h"
#include "asl/eval/instant_runner.h"
#include "asl/value/timestamp.h"
#include "cli/sfn_definition_check.h"
#include "cli/sfn_progress_sink.h"
#include "engine/sfn/system_random.h"

namespace jobflow::cli {
namespace {

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string_view status_name(asl::ExecutionStatus status) {
  switch (status) {
    case asl::ExecutionStatus::kRunning: return "RUNNING";
    case asl::ExecutionStatus::kSucceeded: return "SUCCEEDED";
    case asl::ExecutionStatus::kFailed: return "FAILED";
    case asl::ExecutionStatus::kTimedOut: return "TIMED_OUT";
    case asl::ExecutionStatus::kAborted: return "ABORTED";
  }
  return "RUNNING";
}

}  // namespace

SfnCommand::SfnCommand(CLI::App& app) {
  command_ = app.add_subcommand("sfn", "Step Functions: validate or run a state machine definition");
  command_->require_subcommand(1);

  validate_ = command_->add_subcommand("validate", "Check a definition as CreateStateMachine does; "
                                                    "prints every problem with its JSON location");
  validate_->add_option("file", file_, "Definition (Amazon States Language JSON)")->required();
  validate_->add_option("--type", type_, "STANDARD or EXPRESS")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}))
      ->capture_default_str();

  run_ = command_->add_subcommand("run", "Run a definition and show its progress state by state");
  run_->add_option("file", file_, "Definition (Amazon States Language JSON)")->required();
  run_->add_option("--input", input_, "Execution input (JSON text)")->capture_default_str();
  run_->add_option("--input-file", input_file_, "Read the execution input from this file");
  run_->add_option("--name", name_, "Execution name");
  run_->add_option("--type", type_, "STANDARD or EXPRESS")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}))
      ->capture_default_str();
  run_->add_option("--url", url_, "jobflow server (without --local)")->capture_default_str();
  run_->add_flag("--local", local_, "Run in this process instead of on the server");
  run_->add_flag("--virtual-time", virtual_time_,
                 "With --local: Wait states and retry back-offs complete at once (the clock jumps)");
  run_->add_option("--stop-after", stop_after_,
                   "With --local: stop the execution (ABORTED) after this many seconds");
  run_->add_flag("--json", json_,
                 "Print {status, output, error, cause, events} as JSON (events as GetExecutionHistory has them)");
  run_->add_flag("-q,--quiet", quiet_, "No progress lines");
}

int SfnCommand::run() {
  if (validate_->parsed()) return validate();
  if (run_->parsed()) {
    if (local_) return run_local();
    std::cerr << "jobflow sfn run: running on the server needs the Step Functions execution API, which "
                 "this build of jobflow does not have yet; use --local to run the definition in this process\n";
    return 2;
  }
  return 2;
}

int SfnCommand::validate() {
  auto text = read_text(file_);
  if (!text) {
    std::cerr << fmt::format("jobflow sfn validate: cannot read {}\n", file_);
    return 2;
  }
  auto diagnostics = check_definition(*text, type_);
  if (diagnostics.empty()) {
    std::cout << "OK\n";
    return 0;
  }
  for (const auto& d : diagnostics) std::cout << d.to_string() << "\n";
  return 1;
}

int SfnCommand::run_local() {
  auto text = read_text(file_);
  if (!text) {
    std::cerr << fmt::format("jobflow sfn run: cannot read {}\n", file_);
    return 2;
  }
  auto diagnostics = check_definition(*text, type_);
  if (!diagnostics.empty()) {
    std::cerr << "jobflow sfn run: invalid definition\n";
    for (const auto& d : diagnostics) std::cerr << "  " << d.to_string() << "\n";
    return 2;
  }
  boost::system::error_code ec;
  auto definition = boost::json::parse(*text, ec);
  if (ec) {
    std::cerr << "jobflow sfn run: the definition is not JSON\n";
    return 2;
  }
  auto program = asl::Compiler::compile(definition);
  if (!program) {
    std::cerr << "jobflow sfn run: " << program.error().to_string() << "\n";
    return 2;
  }
  std::string input_text = input_;
  if (!input_file_.empty()) {
    auto from_file = read_text(input_file_);
    if (!from_file) {
      std::cerr << fmt::format("jobflow sfn run: cannot read {}\n", input_file_);
      return 2;
    }
    input_text = *from_file;
  }
  auto input = asl::parse_json(input_text);
  if (!input) {
    std::cerr << "jobflow sfn run: --input is not JSON\n";
    return 2;
  }

  std::int64_t start = wall_ms();
  std::string name = name_.empty() ? fmt::format("local-{}", start) : name_;
  asl::ExecutionInfo info;
  info.state_machine_name = "local";
  info.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:local";
  info.name = name;
  info.express = type_ == "EXPRESS";
  info.execution_arn =
      info.express ? fmt::format("arn:aws:states:us-east-1:123456789012:express:local:{}:{}", name, start)
                   : fmt::format("arn:aws:states:us-east-1:123456789012:execution:local:{}", name);
  info.role_arn = "arn:aws:iam::123456789012:role/jobflow";
  info.start_ms = start;

  SfnProgressSink sink(!quiet_ && !json_);
  engine::sfn::SystemRandom random;
  asl::Execution execution(*program, info, &sink, &random);
  asl::InstantRunner::Options options;
  options.start_ms = start;
  if (stop_after_ >= 0) options.abort_after_ms = static_cast<std::int64_t>(stop_after_ * 1000);
  if (!virtual_time_) {
    options.wait_until = [](std::int64_t due) {
      std::int64_t now = wall_ms();
      if (due > now) std::this_thread::sleep_for(std::chrono::milliseconds(due - now));
      return std::max(due, wall_ms());
    };
  }
  asl::InstantRunner runner;
  runner.run(execution, **program, input, options);

  const auto& failure = execution.failure();
  if (json_) {
    boost::json::object out;
    out["status"] = status_name(execution.status());
    if (execution.output()) out["output"] = asl::to_text(*execution.output());
    if (failure && !failure->error.empty()) out["error"] = failure->error;
    if (failure && !failure->cause.empty()) out["cause"] = failure->cause;
    boost::json::array events;
    for (const auto& e : sink.events()) {
      boost::json::object wire{{"timestamp", static_cast<double>(e.timestamp_ms) / 1000.0},
                               {"type", e.type},
                               {"id", e.id},
                               {"previousEventId", e.previous_event_id}};
      if (auto key = asl::details_key(e.type); !key.empty()) wire[key] = e.details;
      events.push_back(std::move(wire));
    }
    out["events"] = std::move(events);
    std::cout << boost::json::serialize(out) << "\n";
  } else {
    std::cout << status_name(execution.status()) << "\n";
    if (execution.output()) std::cout << asl::to_text(*execution.output()) << "\n";
    if (failure && (!failure->error.empty() || !failure->cause.empty())) {
      std::cout << fmt::format("error: {}\ncause: {}\n", failure->error, failure->cause);
    }
  }
  switch (execution.status()) {
    case asl::ExecutionStatus::kSucceeded: return 0;
    case asl::ExecutionStatus::kRunning: return 3;
    default: return 1;
  }
}

}  // namespace jobflow::cli
