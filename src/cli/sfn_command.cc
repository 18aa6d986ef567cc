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
#include "http/client.h"
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
                   "Stop the execution (ABORTED) after this many seconds");
  run_->add_flag("--json", json_,
                 "Print {status, output, error, cause, events} as JSON (events as GetExecutionHistory has them)");
  run_->add_flag("-q,--quiet", quiet_, "No progress lines");
}

std::optional<SfnCommand::RunFiles> SfnCommand::read_run_files() const {
  auto text = read_text(file_);
  if (!text) {
    std::cerr << fmt::format("jobflow sfn run: cannot read {}\n", file_);
    return std::nullopt;
  }
  std::string input = input_;
  if (!input_file_.empty()) {
    auto from_file = read_text(input_file_);
    if (!from_file) {
      std::cerr << fmt::format("jobflow sfn run: cannot read {}\n", input_file_);
      return std::nullopt;
    }
    input = std::move(*from_file);
  }
  return RunFiles{std::move(*text), std::move(input)};
}

int SfnCommand::run() {
  if (validate_->parsed()) return validate();
  if (run_->parsed()) return local_ ? run_local() : run_on_server();
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
  auto files = read_run_files();
  if (!files) return 2;
  const std::string* text = &files->definition;
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
  auto input = asl::parse_json(files->input);
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
      events.push_back(asl::to_wire(e));
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

namespace {

// One AWS JSON 1.0 call to the server's Step Functions API. An AWS error comes back as its
// type and message.
struct SfnClient {
  http::Client http;
  std::string url;

  std::expected<boost::json::object, std::string> call(std::string_view operation, const boost::json::object& body) {
    auto response = http.post(url + "/", boost::json::serialize(body),
                              {{"Content-Type", "application/x-amz-json-1.0"},
                               {"X-Amz-Target", fmt::format("AWSStepFunctions.{}", operation)},
                               {"Authorization", "AWS4-HMAC-SHA256 Credential=jobflow/20260101/us-east-1/states/"
                                                 "aws4_request, SignedHeaders=host, Signature=0"}});
    if (!response) return std::unexpected(response.error().message);
    boost::system::error_code ec;
    auto value = boost::json::parse(response->body, ec);
    if (response->status != 200) {
      std::string type, message;
      if (!ec && value.is_object()) {
        if (auto* t = value.as_object().if_contains("__type"); t && t->is_string()) type = std::string(t->get_string());
        if (auto* m = value.as_object().if_contains("message"); m && m->is_string()) message = std::string(m->get_string());
      }
      return std::unexpected(fmt::format("{}: {}", type.empty() ? std::to_string(response->status) : type, message));
    }
    if (ec || !value.is_object()) return boost::json::object();
    return value.as_object();
  }
};

bool terminal(std::string_view type) {
  return type == "ExecutionSucceeded" || type == "ExecutionFailed" || type == "ExecutionAborted" ||
         type == "ExecutionTimedOut";
}

}  // namespace

int SfnCommand::run_on_server() {
  auto files = read_run_files();
  if (!files) return 2;
  const std::string* text = &files->definition;
  const std::string& input_text = files->input;
  SfnClient client{http::Client(), url_};
  std::int64_t started = wall_ms();
  std::string machine_name = fmt::format("jobflow-sfn-run-{}", started);
  auto created = client.call("CreateStateMachine", {{"name", machine_name},
                                                    {"definition", *text},
                                                    {"roleArn", "arn:aws:iam::123456789012:role/jobflow"},
                                                    {"type", type_}});
  if (!created) {
    std::cerr << "jobflow sfn run: " << created.error() << "\n";
    return 2;
  }
  std::string machine = std::string(created->at("stateMachineArn").as_string());
  // The machine exists for this run only: removed whatever happens (its execution stays readable).
  struct Cleanup {
    SfnClient& client;
    std::string arn;
    ~Cleanup() { (void)client.call("DeleteStateMachine", {{"stateMachineArn", arn}}); }
  } cleanup{client, machine};

  boost::json::object start{{"stateMachineArn", machine}, {"input", input_text}};
  if (!name_.empty()) start["name"] = name_;
  SfnProgressSink sink(!quiet_ && !json_);
  if (type_ == "EXPRESS") {
    auto result = client.call("StartSyncExecution", start);
    if (!result) {
      std::cerr << "jobflow sfn run: " << result.error() << "\n";
      return 2;
    }
    std::string status = std::string(result->at("status").as_string());
    if (json_) {
      std::cout << boost::json::serialize(*result) << "\n";
    } else {
      std::cout << status << "\n";
      if (auto* o = result->if_contains("output")) std::cout << std::string_view(o->as_string()) << "\n";
      if (auto* e = result->if_contains("error")) std::cout << "error: " << std::string_view(e->as_string()) << "\n";
      if (auto* c = result->if_contains("cause")) std::cout << "cause: " << std::string_view(c->as_string()) << "\n";
    }
    return status == "SUCCEEDED" ? 0 : 1;
  }
  auto execution = client.call("StartExecution", start);
  if (!execution) {
    std::cerr << "jobflow sfn run: " << execution.error() << "\n";
    return 2;
  }
  std::string arn = std::string(execution->at("executionArn").as_string());
  std::int64_t shown = 0;
  bool stop_sent = false;
  for (bool done = false; !done;) {
    std::string token;
    do {
      boost::json::object request{{"executionArn", arn}, {"maxResults", 1000}};
      if (!token.empty()) request["nextToken"] = token;
      auto page = client.call("GetExecutionHistory", request);
      if (!page) {
        std::cerr << "jobflow sfn run: " << page.error() << "\n";
        return 2;
      }
      for (const auto& e : page->at("events").as_array()) {
        auto event = asl::from_wire(e.as_object());
        if (event.id <= shown) continue;
        shown = event.id;
        done = done || terminal(event.type);
        sink.record(std::move(event));
      }
      token = page->contains("nextToken") ? std::string(page->at("nextToken").as_string()) : std::string();
    } while (!token.empty());
    if (done) break;
    if (stop_after_ >= 0 && !stop_sent && wall_ms() - started >= static_cast<std::int64_t>(stop_after_ * 1000)) {
      (void)client.call("StopExecution", {{"executionArn", arn}});
      stop_sent = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  auto described = client.call("DescribeExecution", {{"executionArn", arn}});
  if (!described) {
    std::cerr << "jobflow sfn run: " << described.error() << "\n";
    return 2;
  }
  std::string status = std::string(described->at("status").as_string());
  if (json_) {
    boost::json::object out{{"status", status}};
    for (const char* key : {"output", "error", "cause"}) {
      if (auto* v = described->if_contains(key)) out[key] = *v;
    }
    boost::json::array events;
    for (const auto& e : sink.events()) {
      events.push_back(asl::to_wire(e));
    }
    out["events"] = std::move(events);
    out["executionArn"] = arn;
    std::cout << boost::json::serialize(out) << "\n";
  } else {
    std::cout << status << "\n";
    if (auto* o = described->if_contains("output")) std::cout << std::string_view(o->as_string()) << "\n";
    if (auto* e = described->if_contains("error")) std::cout << "error: " << std::string_view(e->as_string()) << "\n";
    if (auto* c = described->if_contains("cause")) std::cout << "cause: " << std::string_view(c->as_string()) << "\n";
  }
  return status == "SUCCEEDED" ? 0 : 1;
}

}  // namespace jobflow::cli
