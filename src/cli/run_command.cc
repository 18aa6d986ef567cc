#include "cli/run_command.h"

#include "base/json_parse.h"

#include <atomic>
#include <chrono>
#include <csignal>
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
#include "cli/progress_display.h"
#include "cli/server_api.h"
#include "cli/sfn_definition_check.h"
#include "cli/sfn_progress_sink.h"
#include "cli/track/history_line.h"
#include "cli/track/machine_name.h"
#include "cli/track/open_states.h"
#include "cli/track/outcome.h"
#include "engine/sfn/system_random.h"

namespace jobflow::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr auto kPollInterval = std::chrono::milliseconds(200);
constexpr auto kRedraw = std::chrono::milliseconds(100);
constexpr double kUnreachableGrace = 10.0;  // a server gone this long ends the run (exit 5)
constexpr const char* kRoleArn = "arn:aws:iam::123456789012:role/jobflow";

// Ctrl-C while following an execution: the first asks for StopExecution, the second leaves.
std::atomic<int> interrupts{0};

extern "C" void on_interrupt(int) {
  if (interrupts.fetch_add(1) >= 1) std::_Exit(130);
}

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double seconds_since(SteadyClock::time_point t) {
  return std::chrono::duration<double>(SteadyClock::now() - t).count();
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

std::string string_of(const boost::json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// An invalid definition or input is the caller's mistake (2), not a failed run (1).
int exit_code_for_refusal(const ApiError& error) {
  if (error.kind == ApiError::Kind::kOther &&
      (error.message.starts_with("InvalidDefinition") || error.message.starts_with("ValidationException") ||
       error.message.starts_with("InvalidExecutionInput") || error.message.starts_with("InvalidName")))
    return exit_code::kUsage;
  return exit_code_for(error);
}

void print_result(std::string_view status, const boost::json::object& described) {
  std::cout << status << "\n";
  if (auto output = string_of(described, "output"); !output.empty()) std::cout << output << "\n";
  auto error = string_of(described, "error");
  auto cause = string_of(described, "cause");
  if (!error.empty()) std::cout << "error: " << error << "\n";
  if (!cause.empty()) std::cout << "cause: " << cause << "\n";
}

}  // namespace

RunCommand::RunCommand(CLI::App& parent, const std::string& name) {
  command_ = parent.add_subcommand(
      name,
      "Run a state machine definition and show its progress event by event.\n"
      "On the server: a state machine named after the file is made for the run and deleted after it "
      "(the execution stays readable); Ctrl-C stops the execution. --local: in this process, without "
      "integrations.\n"
      "Exit: 0 SUCCEEDED; 1 FAILED, TIMED_OUT, ABORTED or the server refused a request; 2 bad usage, "
      "unreadable file or invalid definition; 3 still RUNNING (--local --stop-after); 5 server unreachable.");
  command_->add_option("file", file_, "Definition (Amazon States Language JSON)")->required();
  command_->add_option("--input", input_, "Execution input (JSON text)")->capture_default_str();
  command_->add_option("--input-file", input_file_, "Read the execution input from this file");
  command_->add_option("--name", name_, "Execution name");
  command_->add_option("--type", type_, "STANDARD or EXPRESS")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}))
      ->capture_default_str();
  command_->add_flag("--local", local_, "Run in this process instead of on the server");
  command_->add_flag("--virtual-time", virtual_time_,
                     "With --local: Wait states and retry back-offs complete at once (the clock jumps)");
  command_->add_option("--stop-after", stop_after_, "Stop the execution (ABORTED) after this many seconds");
  command_->add_flag("--json", json_, "Same as --output json");
  command_->add_flag("-q,--quiet", quiet_, "No progress on stderr");
  add_client_flags(*command_, flags_);
}

std::optional<RunCommand::RunFiles> RunCommand::read_run_files() const {
  auto text = read_text(file_);
  if (!text) {
    std::cerr << fmt::format("jobflow run: cannot read {}\n", file_);
    return std::nullopt;
  }
  std::string input = input_;
  if (!input_file_.empty()) {
    auto from_file = read_text(input_file_);
    if (!from_file) {
      std::cerr << fmt::format("jobflow run: cannot read {}\n", input_file_);
      return std::nullopt;
    }
    input = std::move(*from_file);
  }
  return RunFiles{std::move(*text), std::move(input)};
}

int RunCommand::run() { return local_ ? run_local() : run_on_server(); }

int RunCommand::run_local() {
  auto files = read_run_files();
  if (!files) return exit_code::kUsage;
  auto diagnostics = check_definition(files->definition, type_);
  if (!diagnostics.empty()) {
    std::cerr << "jobflow run: invalid definition\n";
    for (const auto& d : diagnostics) std::cerr << "  " << d.to_string() << "\n";
    return exit_code::kUsage;
  }
  boost::system::error_code ec;
  auto definition = parse_json_exact(files->definition, ec);
  if (ec) {
    std::cerr << "jobflow run: the definition is not JSON\n";
    return exit_code::kUsage;
  }
  auto program = asl::Compiler::compile(definition);
  if (!program) {
    std::cerr << "jobflow run: " << program.error().to_string() << "\n";
    return exit_code::kUsage;
  }
  auto input = asl::parse_json(files->input);
  if (!input) {
    std::cerr << "jobflow run: --input is not JSON\n";
    return exit_code::kUsage;
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
  info.role_arn = kRoleArn;
  info.start_ms = start;

  SfnProgressSink::Print print;
  if (!quiet_ && !json()) print = [](std::string_view line) { std::cerr << line << "\n"; };
  SfnProgressSink sink(std::move(print));
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
  boost::json::object result{{"status", status_name(execution.status())}};
  if (execution.output()) result["output"] = asl::to_text(*execution.output());
  if (failure && !failure->error.empty()) result["error"] = failure->error;
  if (failure && !failure->cause.empty()) result["cause"] = failure->cause;
  if (json()) {
    boost::json::array events;
    for (const auto& e : sink.events()) events.push_back(asl::to_wire(e));
    result["events"] = std::move(events);
    std::cout << boost::json::serialize(result) << "\n";
  } else {
    print_result(status_name(execution.status()), result);
  }
  switch (execution.status()) {
    case asl::ExecutionStatus::kSucceeded: return exit_code::kSucceeded;
    case asl::ExecutionStatus::kRunning: return exit_code::kStillRunning;
    default: return exit_code::kFailed;
  }
}

int RunCommand::run_on_server() {
  if (virtual_time_) {
    std::cerr << "jobflow run: --virtual-time needs --local (the server's clock does not jump)\n";
    return exit_code::kUsage;
  }
  auto files = read_run_files();
  if (!files) return exit_code::kUsage;
  ServerApi api(flags_.resolved_url(), flags_.resolved_region());
  const std::int64_t started_ms = wall_ms();
  const auto started = SteadyClock::now();
  auto created = api.sfn("CreateStateMachine", {{"name", run_machine_name(file_, started_ms)},
                                                {"definition", files->definition},
                                                {"roleArn", kRoleArn},
                                                {"type", type_}});
  if (!created) {
    std::cerr << "jobflow run: " << created.error().message << "\n";
    return exit_code_for_refusal(created.error());
  }
  // The machine exists for this run only: removed whatever happens (its execution stays readable).
  struct Cleanup {
    ServerApi& api;
    std::string arn;
    ~Cleanup() { (void)api.sfn("DeleteStateMachine", {{"stateMachineArn", arn}}); }
  } cleanup{api, string_of(*created, "stateMachineArn")};

  boost::json::object start{{"stateMachineArn", cleanup.arn}, {"input", files->input}};
  if (!name_.empty()) start["name"] = name_;
  ProgressDisplay display(!quiet_ && !json());
  SfnProgressSink::Print print;
  if (!quiet_ && !json()) print = [&display](std::string_view line) { display.print_line(line); };
  SfnProgressSink sink(std::move(print));

  if (type_ == "EXPRESS") {
    // StartSyncExecution answers only at the end: there is no history to follow on the way.
    auto result = api.sfn("StartSyncExecution", start);
    if (!result) {
      std::cerr << "jobflow run: " << result.error().message << "\n";
      return exit_code_for_refusal(result.error());
    }
    std::string status = string_of(*result, "status");
    if (json())
      std::cout << boost::json::serialize(*result) << "\n";
    else
      print_result(status, *result);
    return status == "SUCCEEDED" ? exit_code::kSucceeded : exit_code::kFailed;
  }

  auto execution = api.sfn("StartExecution", start);
  if (!execution) {
    std::cerr << "jobflow run: " << execution.error().message << "\n";
    return exit_code_for_refusal(execution.error());
  }
  const std::string arn = string_of(*execution, "executionArn");
  const std::string shown = arn.substr(arn.rfind(':') + 1);

  interrupts = 0;
  auto previous_handler = std::signal(SIGINT, on_interrupt);
  struct RestoreHandler {
    void (*handler)(int);
    ~RestoreHandler() { std::signal(SIGINT, handler); }
  } restore{previous_handler};

  OpenStates open;
  std::int64_t last_event = 0;
  std::size_t event_count = 0;
  bool stop_sent = false;
  auto last_answer = SteadyClock::now();
  for (bool done = false; !done;) {
    std::string token;
    bool answered = true;
    do {
      boost::json::object request{{"executionArn", arn}, {"maxResults", 1000}};
      if (!token.empty()) request["nextToken"] = token;
      auto page = api.sfn("GetExecutionHistory", request);
      if (!page) {
        // A server that answered before may be restarting: keep trying for a while.
        if (page.error().kind != ApiError::Kind::kUnreachable || seconds_since(last_answer) >= kUnreachableGrace) {
          display.clear();
          std::cerr << "jobflow run: " << page.error().message << "\n";
          return exit_code_for(page.error());
        }
        answered = false;
        break;
      }
      last_answer = SteadyClock::now();
      for (const auto& e : page->at("events").as_array()) {
        auto event = asl::from_wire(e.as_object());
        if (event.id <= last_event) continue;
        last_event = event.id;
        ++event_count;
        done = done || is_final_history_event(event.type);
        open.record(event.type, history_state_name(e.as_object()));
        sink.record(std::move(event));
      }
      token = string_of(*page, "nextToken");
    } while (!token.empty());
    if (done) break;

    const bool stop_due = stop_after_ >= 0 && seconds_since(started) >= stop_after_;
    if (!stop_sent && (interrupts > 0 || stop_due)) {
      boost::json::object stop{{"executionArn", arn}};
      if (interrupts > 0) {
        stop["error"] = "jobflow.Interrupted";
        stop["cause"] = "Stopped with Ctrl-C in jobflow run";
        display.print_line("jobflow run: stopping the execution (Ctrl-C again to leave at once)");
      }
      (void)api.sfn("StopExecution", stop);
      stop_sent = true;
    }
    // Until the next poll, redraw the live line (its elapsed time) on a terminal.
    const auto next = SteadyClock::now() + (answered ? kPollInterval : std::chrono::milliseconds(1000));
    while (SteadyClock::now() < next && (interrupts == 0 || stop_sent)) {
      if (display.live()) {
        std::string detail = open.summary();
        detail += fmt::format("{}{} events", detail.empty() ? "" : ", ", event_count);
        display.show({shown, "RUNNING", seconds_since(started), detail});
      }
      std::this_thread::sleep_for(std::min<SteadyClock::duration>(kRedraw, next - SteadyClock::now()));
    }
  }
  display.clear();

  auto described = api.sfn("DescribeExecution", {{"executionArn", arn}});
  if (!described) {
    std::cerr << "jobflow run: " << described.error().message << "\n";
    return exit_code_for(described.error());
  }
  const std::string status = string_of(*described, "status");
  if (json()) {
    boost::json::object out{{"executionArn", arn}, {"status", status}};
    for (const char* key : {"output", "error", "cause"}) {
      if (auto* v = described->if_contains(key)) out[key] = *v;
    }
    boost::json::array events;
    for (const auto& e : sink.events()) events.push_back(asl::to_wire(e));
    out["events"] = std::move(events);
    std::cout << boost::json::serialize(out) << "\n";
  } else {
    print_result(status, *described);
  }
  return status == "SUCCEEDED" ? exit_code::kSucceeded : exit_code::kFailed;
}

}  // namespace jobflow::cli
