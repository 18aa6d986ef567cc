#pragma once

#include <string>
#include <string_view>

namespace jobflow::asl {

// A Task state's `Resource`, classified the way CreateStateMachine needs it: is it a resource
// Step Functions knows (an optimized service integration, an AWS SDK integration, a Lambda
// function, an activity), and does it wait for a job (`.sync`) or a callback (`.waitForTaskToken`)?
class ResourceArn {
 public:
  enum class Kind {
    kUnrecognized,    // not an ARN Step Functions accepts in a Task
    kIntegration,     // arn:<p>:states:::<service>:<api>[suffix]
    kAwsSdk,          // arn:<p>:states:::aws-sdk:<service>:<action>[.waitForTaskToken]
    kLambdaFunction,  // arn:<p>:lambda:<region>:<account>:function:<name>[:<qualifier>]
    kActivity,        // arn:<p>:states:<region>:<account>:activity:<name>
  };
  enum class Pattern { kRequestResponse, kSync, kCallback };

  static ResourceArn classify(std::string_view resource);

  Kind kind() const { return kind_; }
  Pattern pattern() const { return pattern_; }
  const std::string& service() const { return service_; }  // integrations: "lambda", "aws-sdk:s3"
  const std::string& api() const { return api_; }          // without the suffix

 private:
  Kind kind_ = Kind::kUnrecognized;
  Pattern pattern_ = Pattern::kRequestResponse;
  std::string service_;
  std::string api_;
};

}  // namespace jobflow::asl
