#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "engine/functions/function_invoker.h"
#include "engine/functions/function_service.h"
#include "engine/sfn/integration.h"
#include "engine/sfn/task_token_registry.h"

namespace jobflow::frontend {

// Step Functions' Lambda integrations, against jobflow's own functions (in-process):
//   arn:aws:states:::lambda:invoke             Invoke; the output is AWS's {ExecutedVersion, Payload,
//                                              SdkHttpMetadata, SdkResponseMetadata, StatusCode}
//   arn:aws:states:::lambda:invoke.waitForTaskToken   Invoke (as Event); the task waits for
//                                              SendTaskSuccess/Failure with $$.Task.Token
//   arn:aws:lambda:REGION:ACCOUNT:function:NAME  (the legacy form) Invoke with the state's input;
//                                              the output is the function's answer itself
// A function error fails the task with the error's errorType (else Lambda.Unknown) and the error
// object as the cause; an API error with Lambda.<Exception> and the SDK's cause text.
class LambdaIntegration final : public engine::sfn::Integration {
 public:
  LambdaIntegration(engine::functions::FunctionService& functions, engine::functions::FunctionInvoker& invoker,
                    engine::sfn::TaskTokenRegistry& tokens, const Clock& clock);

  bool handles(std::string_view resource) const override;
  void start(const engine::sfn::TaskContext& context, const asl::TaskRequest& task,
             engine::sfn::TaskCallbacks callbacks) override;
  void cancel(const engine::sfn::TaskContext& context, std::int64_t task_id) override;

 private:
  engine::functions::FunctionService& functions_;
  engine::functions::FunctionInvoker& invoker_;
  engine::sfn::TaskTokenRegistry& tokens_;
  const Clock& clock_;
};

}  // namespace jobflow::frontend
