#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/error.h"
#include "engine/sfn/execution_service.h"
#include "engine/sfn/integration.h"
#include "engine/sfn/task_token_registry.h"

namespace jobflow::engine::sfn {

// Step Functions' own optimized integration, arn:aws:states:::states:startExecution[.sync|.sync:2|
// .waitForTaskToken]: a task that starts a child execution on this server's ExecutionService.
// Parameters: StateMachineArn (required), Input (object or JSON text; default {}), Name.
//   plain              → {"ExecutionArn", "StartDate" (epoch ms), "SdkHttpMetadata", "SdkResponseMetadata"}
//   .sync / .sync:2    → TaskSubmitted with the plain output, then, when the child ends (told by
//                        ExecutionService::add_listener), the child's DescribeExecution in the Java
//                        SDK's shape (PascalCase, dates in epoch ms); .sync keeps Output as JSON text,
//                        .sync:2 parses it. A child that did not succeed fails the task with its
//                        error (States.TaskFailed when it has none) and Cause = that JSON.
//   .waitForTaskToken  → the token is registered first, the child started, TaskSubmitted with the
//                        plain output; the task then waits for SendTask* with $$.Task.Token.
// A refused StartExecution fails the task with StepFunctions.<Exception> and the SDK's cause text.
class StatesIntegration final : public Integration {
 public:
  // The AWS error type of a core error ("ExecutionAlreadyExists"): the frontend's mapping.
  using ErrorType = std::function<std::string(const Error&)>;

  // Registers its listener on `executions`: build it before ExecutionService::recover().
  StatesIntegration(ExecutionService& executions, TaskTokenRegistry& tokens, const Clock& clock, ErrorType error_type);

  bool handles(std::string_view resource) const override;
  void start(const TaskContext& context, const asl::TaskRequest& task, TaskCallbacks callbacks) override;
  void cancel(const TaskContext& context, std::int64_t task_id) override;

  // The child's DescribeExecution in the shape tasks see (exposed for tests).
  static boost::json::object describe_shape(const model::Execution& child, bool parse_output);

 private:
  struct Waiter {
    std::string parent_arn;
    std::int64_t task_id = 0;
    bool parse_output = false;  // .sync:2
    TaskCallbacks callbacks;
  };
  static constexpr std::size_t kMaxRecentlyEnded = 1024;

  void wait(const std::string& child_arn, Waiter waiter, bool reattach);
  void on_execution_ended(const model::Execution& execution);
  void settle(const model::Execution& child, Waiter& waiter) const;
  asl::Failure start_failure(const Error& error, const std::string& request_id) const;

  ExecutionService& executions_;
  TaskTokenRegistry& tokens_;
  const Clock& clock_;
  ErrorType error_type_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<Waiter>> waiters_;  // by child execution ARN
  // Executions that ended lately, for a child that ends before its waiter is in place (an
  // Express child can run to its end inside StartExecution).
  std::unordered_map<std::string, model::Execution> recently_ended_;
  std::deque<std::string> recently_ended_order_;
};

}  // namespace jobflow::engine::sfn
