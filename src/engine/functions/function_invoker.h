#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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
  std::string python = "python3";
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

  // Where instances find the Runtime API ("host:port"), once the server's port is known.
  void set_runtime_api(std::string host_port);

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
  void on_timeout(const std::string& token, const std::string& request_id);
  void on_exit(const std::string& token, const model::JobExit& exit);
  Instance* find(std::string_view token);
  static void run(std::vector<Done>& later);

  executor::Executor& executor_;
  TaskQueue& tasks_;
  const Clock& clock_;
  InvokerConfig config_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Pool>, std::less<>> pools_;               // by function name
  std::map<std::string, std::shared_ptr<Instance>, std::less<>> instances_;       // by token
};

}  // namespace jobflow::engine::functions
