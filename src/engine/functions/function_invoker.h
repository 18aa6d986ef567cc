#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "engine/task_queue.h"
#include "executor/executor.h"
#include "model/function.h"

namespace jobflow::engine::functions {

struct InvokeResult {
  std::string payload;         // the function's answer, or Lambda's error object
  std::string function_error;  // "Unhandled" when the function failed
  std::string log;             // this invocation's log lines, START to REPORT
};

// What the Runtime API's `next` hands an instance.
struct RuntimeInvocation {
  std::string request_id;
  std::string payload;
  TimestampMs deadline_ms = 0;
  std::string function_arn;
};

struct InvokerConfig {
  std::string data_dir;          // instances live under <data_dir>/functions/<name>/instances/<token>
  std::string python = "python3";  // resolved once to the interpreter it runs (see python_for)
  std::string python_runtime;    // path of runtime/jobflow_lambda_python.py as installed
  std::string runtime_api;       // "127.0.0.1:<port>": AWS_LAMBDA_RUNTIME_API is <this>/fn-runtime/<token>
  std::string endpoint_url;      // boto3 inside a function reaches jobflow here
  std::string region = "us-east-1";
  int max_concurrency = 10;      // instances per function
};

// Runs invocations on warm instances: each instance is an executor job (the Python runtime, or a
// `provided` function's own `bootstrap`) that asks for work through the Runtime API. An idle
// instance takes the next invocation at once (warm); a function with none idle starts another,
// up to max_concurrency (then TooManyRequests). An invocation past its Timeout kills its instance.
// Instances of an older code or configuration revision are retired.
class FunctionInvoker {
 public:
  FunctionInvoker(executor::Executor& executor, TaskQueue& tasks, const Clock& clock, InvokerConfig config);
  ~FunctionInvoker();

  // `done` is called once, from any thread.
  void invoke(const model::FunctionConfig& function, const std::string& code_dir, std::string payload,
              std::function<void(Result<InvokeResult>)> done);

  // The Runtime API, for the instance whose token is `token`.
  void next(std::string_view token, std::function<void(Result<RuntimeInvocation>)> reply);
  Status respond(std::string_view token, std::string_view request_id, std::string body);
  Status fail(std::string_view token, std::string_view request_id, std::string body);
  Status init_error(std::string_view token, std::string body);

  // Stops every instance (server shutdown, or a deleted function with `name`).
  void retire(std::string_view name);
  void shutdown();

 private:
  struct Invocation;
  struct Instance;
  struct Pool;
  using Done = std::function<void()>;  // a callback to run once the lock is released

  void start_instance(Pool& pool, std::vector<Done>& later);
  void dispatch(Instance& instance, std::shared_ptr<Invocation> invocation, std::vector<Done>& later);
  void finish(Instance& instance, std::string payload, std::string function_error, std::vector<Done>& later);
  void time_out(Instance& instance, std::vector<Done>& later);
  void arm_deadline_timer(TimestampMs at);
  void on_deadline(std::uint64_t generation);
  void on_exit(const std::string& token, const model::JobExit& exit);
  Instance* find(std::string_view token);
  const std::string& python_for(const model::FunctionConfig& function) const;
  static void run(std::vector<Done>& later);

  executor::Executor& executor_;
  TaskQueue& tasks_;
  const Clock& clock_;
  InvokerConfig config_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Pool>, std::less<>> pools_;               // by function name
  std::map<std::string, std::shared_ptr<Instance>, std::less<>> instances_;       // by token
  // One timer for every running invocation's deadline, armed at the earliest one that may still
  // be pending: an invocation that ends in time leaves it alone (no timer set and cancelled per
  // invocation, each a wake-up of the task thread); when it fires it times out what is late and
  // re-arms at the next deadline.
  TaskQueue::TimerId deadline_timer_ = 0;
  TimestampMs deadline_timer_at_ = 0;
  std::uint64_t deadline_generation_ = 0;
  // config_.python as the interpreter it ends up running: found on PATH when that is a binary,
  // else (a pyenv or asdf shim: a script that starts more processes before Python) asked once
  // for its sys.executable by resolver_. Empty until known; instances then use config_.python.
  std::string python_path_;
  std::thread resolver_;
};

}  // namespace jobflow::engine::functions
